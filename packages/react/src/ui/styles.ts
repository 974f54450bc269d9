/**
 * The default look, injected once per document as `<style id="gatehouse-styles">` at the top
 * of `<head>`. Every colour, radius and font comes from a `--gh-*` variable (see appearance.ts).
 */
import { useInsertionEffect } from 'react';

const CSS = `
.gh-root{--gh-color-primary:#4f46e5;--gh-color-primary-text:#fff;--gh-color-text:#111827;--gh-color-text-secondary:#4b5563;--gh-color-background:#fff;--gh-color-input-background:#fff;--gh-color-input-text:#111827;--gh-color-border:#d1d5db;--gh-color-danger:#b91c1c;--gh-color-success:#15803d;--gh-border-radius:.5rem;--gh-font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;--gh-font-size:1rem;--gh-spacing-unit:1rem;font-family:var(--gh-font-family);font-size:var(--gh-font-size);color:var(--gh-color-text);box-sizing:border-box;line-height:1.5}
.gh-root *,.gh-root *::before,.gh-root *::after{box-sizing:inherit}
.gh-card{background:var(--gh-color-background);border:1px solid var(--gh-color-border);border-radius:calc(var(--gh-border-radius)*1.5);padding:calc(var(--gh-spacing-unit)*2);max-width:26rem;width:100%;display:flex;flex-direction:column;gap:var(--gh-spacing-unit)}
.gh-title{font-size:1.25em;font-weight:600;margin:0}
.gh-subtitle,.gh-hint{color:var(--gh-color-text-secondary);margin:0;font-size:.9em}
.gh-form{display:flex;flex-direction:column;gap:calc(var(--gh-spacing-unit)*.75);margin:0}
.gh-row{display:flex;gap:calc(var(--gh-spacing-unit)*.75)}.gh-row>*{flex:1;min-width:0}
.gh-field{display:flex;flex-direction:column;gap:.25em}
.gh-label{font-weight:500;font-size:.9em;display:flex;justify-content:space-between}
.gh-optional{color:var(--gh-color-text-secondary);font-weight:400}
.gh-input{font:inherit;color:var(--gh-color-input-text);background:var(--gh-color-input-background);border:1px solid var(--gh-color-border);border-radius:var(--gh-border-radius);padding:.5em .75em;width:100%}
.gh-input:focus-visible,.gh-button:focus-visible,.gh-link:focus-visible,.gh-avatar-button:focus-visible,.gh-menu-item:focus-visible{outline:2px solid var(--gh-color-primary);outline-offset:2px}
.gh-input[aria-invalid=true]{border-color:var(--gh-color-danger)}
.gh-code-input{letter-spacing:.5em;font-variant-numeric:tabular-nums;text-align:center;font-size:1.25em}
.gh-field-error{color:var(--gh-color-danger);font-size:.85em;margin:0;min-height:0}
.gh-alert{color:var(--gh-color-danger);border:1px solid currentColor;border-radius:var(--gh-border-radius);padding:.5em .75em;font-size:.9em}
.gh-status{color:var(--gh-color-success);font-size:.9em;margin:0}
.gh-button{font:inherit;font-weight:500;cursor:pointer;border-radius:var(--gh-border-radius);padding:.55em 1em;border:1px solid transparent;background:var(--gh-color-primary);color:var(--gh-color-primary-text);display:inline-flex;align-items:center;justify-content:center;gap:.5em}
.gh-button[disabled]{opacity:.6;cursor:default}
.gh-button-secondary{background:transparent;color:var(--gh-color-text);border-color:var(--gh-color-border)}
.gh-button-danger{background:var(--gh-color-danger);color:#fff}
.gh-link{font:inherit;color:var(--gh-color-primary);background:none;border:0;padding:0;cursor:pointer;text-decoration:underline}
.gh-footer{font-size:.9em;color:var(--gh-color-text-secondary);margin:0}
.gh-spinner{width:1em;height:1em;border:2px solid currentColor;border-right-color:transparent;border-radius:50%;animation:gh-spin .7s linear infinite}
@keyframes gh-spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.gh-spinner{animation-duration:2s}}
.gh-user-button{position:relative;display:inline-block}
.gh-avatar-button{border:0;padding:0;background:none;cursor:pointer;border-radius:999px;display:inline-flex;align-items:center;gap:.5em;font:inherit;color:inherit}
.gh-user-name{font-family:var(--gh-font-family);font-weight:500;padding-right:.5em}
.gh-avatar{width:2.25em;height:2.25em;border-radius:50%;background:var(--gh-color-primary);color:var(--gh-color-primary-text);display:inline-flex;align-items:center;justify-content:center;font-weight:600;font-size:.9em}
.gh-menu{position:absolute;right:0;top:calc(100% + .5em);z-index:1000;min-width:15rem;background:var(--gh-color-background);border:1px solid var(--gh-color-border);border-radius:var(--gh-border-radius);box-shadow:0 8px 24px rgba(0,0,0,.12);padding:.5em 0}
.gh-menu-header{padding:.5em 1em;border-bottom:1px solid var(--gh-color-border);margin-bottom:.25em}
.gh-menu-item{display:block;width:100%;text-align:left;font:inherit;color:var(--gh-color-text);background:none;border:0;padding:.5em 1em;cursor:pointer;text-decoration:none}
.gh-menu-item:hover,.gh-menu-item:focus{background:rgba(0,0,0,.05)}
.gh-dialog-backdrop{position:fixed;inset:0;background:rgba(0,0,0,.4);display:flex;align-items:flex-start;justify-content:center;padding:5vh 1em;z-index:1001;overflow:auto}
.gh-dialog{position:relative}
.gh-dialog-close{position:absolute;top:.75em;right:.75em}
.gh-reverification-backdrop{z-index:1002}
.gh-device{display:flex;flex-direction:column;gap:.15em}
.gh-profile{max-width:40rem}
.gh-section{border-top:1px solid var(--gh-color-border);padding-top:var(--gh-spacing-unit);display:flex;flex-direction:column;gap:calc(var(--gh-spacing-unit)*.75)}
.gh-section-title{font-size:1em;font-weight:600;margin:0}
.gh-list{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.5em}
.gh-list-item{display:flex;flex-wrap:wrap;align-items:center;gap:.5em;justify-content:space-between}
.gh-badge{font-size:.75em;border:1px solid var(--gh-color-border);border-radius:999px;padding:0 .6em;color:var(--gh-color-text-secondary)}
.gh-badge-success{color:var(--gh-color-success);border-color:currentColor}
.gh-checkbox{display:flex;gap:.5em;align-items:center;font-size:.9em}
.gh-social-buttons{display:flex;flex-direction:column;gap:.5em}
.gh-social-buttons-compact{flex-direction:row;flex-wrap:wrap}.gh-social-buttons-compact>.gh-social-button{flex:1 0 3em}
.gh-social-button{gap:.75em}
.gh-provider-logo{width:1.25em;height:1.25em;flex:none}
.gh-divider{display:flex;align-items:center;gap:.75em;margin:0;color:var(--gh-color-text-secondary);font-size:.85em}
.gh-divider::before,.gh-divider::after{content:"";flex:1;border-top:1px solid var(--gh-color-border)}
.gh-external-account-name{display:inline-flex;align-items:center;gap:.5em;flex-wrap:wrap}
.gh-connect-menu{position:relative;align-self:flex-start}.gh-connect-menu-list{left:0;right:auto}
.gh-connect-provider{display:flex;align-items:center;gap:.6em}
.gh-muted{color:var(--gh-color-text-secondary);font-size:.9em}
`;

const STYLE_ID = 'gatehouse-styles';

/** Injects the default styles once per document (no-op during server rendering). */
export function useGatehouseStyles(): void {
  useInsertionEffect(() => {
    if (typeof document === 'undefined' || document.getElementById(STYLE_ID)) return;
    const style = document.createElement('style');
    style.id = STYLE_ID;
    style.textContent = CSS;
    document.head.prepend(style);
  }, []);
}
