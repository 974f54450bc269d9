/**
 * Where the Account Portal may send a browser back to (`redirect_url`), so it is never an open
 * redirect:
 * - an absolute http(s) URL whose origin the instance allows (see allowed-origin.ts);
 * - or a path on the portal itself (`/user`), never a scheme-relative `//host` or `/\host`.
 * Anything else (another origin, `javascript:`, `data:`, control characters) is refused, and the
 * caller falls back to its default.
 */
import type { Instance } from '../instances/instance.ts';
import { isAllowedOrigin } from './allowed-origin.ts';

const MAX_LENGTH = 2048;
// Browsers strip tabs, newlines and outer spaces from URLs and read `\` as `/`: refuse them rather than guess.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it looks for
const UNSAFE = /[\u0000-\u001f\u007f\\]/;
const PATH_BASE = 'http://portal.invalid';

/** The URL to follow, normalized, or null when `raw` is not an allowed target. */
export function allowedRedirectUrl(instance: Instance, raw: string | undefined | null): string | null {
  if (!raw || raw.length > MAX_LENGTH || UNSAFE.test(raw) || raw.trim() !== raw) return null;
  if (raw.startsWith('/')) {
    if (raw.startsWith('//')) return null;
    const url = new URL(raw, PATH_BASE);
    return url.origin === PATH_BASE ? `${url.pathname}${url.search}${url.hash}` : null;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return isAllowedOrigin(instance, url.origin) ? url.href : null;
}
