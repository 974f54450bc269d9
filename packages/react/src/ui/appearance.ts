/**
 * Theming without a CSS framework: `appearance.variables` become CSS custom properties on each
 * component's root, which the default styles read. Anything else can be restyled from your
 * own CSS through the stable `gh-` class names (the default styles are injected first in
 * `<head>`, so yours win at equal specificity).
 * @example <GatehouseProvider appearance={{ variables: { colorPrimary: '#0f766e', borderRadius: '4px' } }}>
 */
import type { CSSProperties } from 'react';

export interface AppearanceVariables {
  colorPrimary?: string;
  colorPrimaryText?: string;
  colorText?: string;
  colorTextSecondary?: string;
  colorBackground?: string;
  colorInputBackground?: string;
  colorInputText?: string;
  colorBorder?: string;
  colorDanger?: string;
  colorSuccess?: string;
  borderRadius?: string;
  fontFamily?: string;
  fontSize?: string;
  spacingUnit?: string;
}

export interface Appearance {
  variables?: AppearanceVariables;
  /** Extra class name on each component's root element. */
  rootClassName?: string;
}

const cssName = (k: string) => `--gh-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The variables as inline custom properties (`colorPrimary` → `--gh-color-primary`). */
export function appearanceStyle(...layers: (Appearance | undefined)[]): CSSProperties {
  const style: Record<string, string> = {};
  for (const layer of layers) for (const [k, v] of Object.entries(layer?.variables ?? {})) if (v) style[cssName(k)] = v;
  return style as CSSProperties;
}
