/**
 * The social providers' marks as data: small 24×24 drawings in each brand's colours (simple,
 * recognisable shapes, not the official artwork), so nothing is ever loaded from a provider.
 * `<SignIn>`'s buttons draw them inline; the Frontend API serves the same marks as SVG files
 * (`logo_url` of the environment's social providers). A mark is a list of layers: a paint and a
 * path, filled, or stroked at the given width. Providers without a mark (custom ones) get a globe.
 */

/** [paint, path] is filled; [paint, path, width] is stroked. */
export type MarkLayer = readonly [paint: string, d: string, stroke?: number];

/** A circle of radius r around (cx, cy), as a path. */
const circle = (cx: number, cy: number, r: number) =>
  `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0z`;

/** TikTok's note, its stem's top left at (x, y). */
const note = (x: number, y: number) =>
  `M${x} ${y}c.3 2.2 1.7 3.7 4 4v3c-1.5 0-2.9-.5-4-1.3v6.3a6 6 0 1 1-6-6v3a3 3 0 1 0 3 3v-12z`;

const MARKS: Record<string, readonly MarkLayer[]> = {
  google: [
    ['#EA4335', 'M18.7 6.3A8 8 0 0 0 4.5 9.3', 4],
    ['#FBBC05', 'M4.5 9.3A8 8 0 0 0 5.1 16', 4],
    ['#34A853', 'M5.1 16a8 8 0 0 0 12.6 1.7', 4],
    ['#4285F4', 'M17.7 17.7A8 8 0 0 0 20 12h-8', 4],
  ],
  github: [
    ['#181717', circle(12, 12, 11)],
    [
      '#fff',
      'M9 21v-3c-2.5.4-3-1.3-3.5-2 .8-.2 1.5.8 2.1 1.3.5.3 1 .3 1.4.1-2.2-.6-3.6-2.2-3.6-4.6 0-1 .4-1.9 1-2.6-.2-.8-.1-1.8.2-2.6 1 0 1.9.6 2.6 1.1 1.8-.5 3.8-.5 5.6 0 .7-.5 1.6-1.1 2.6-1.1.3.8.4 1.8.2 2.6.6.7 1 1.6 1 2.6 0 2.4-1.4 4-3.6 4.6.3.4.5 1 .5 1.6v3.9z',
    ],
  ],
  microsoft: [
    ['#F25022', 'M2 2h9.5v9.5H2z'],
    ['#7FBA00', 'M12.5 2H22v9.5h-9.5z'],
    ['#00A4EF', 'M2 12.5h9.5V22H2z'],
    ['#FFB900', 'M12.5 12.5H22V22h-9.5z'],
  ],
  apple: [
    [
      '#000',
      'M16.4 12.7c0-2.1 1.7-3.1 1.8-3.2-1-1.4-2.5-1.6-3-1.6-1.3-.1-2.5.8-3.1.8-.7 0-1.6-.8-2.7-.8-1.4 0-2.7.8-3.4 2.1-1.5 2.5-.4 6.3 1 8.4.7 1 1.5 2.1 2.6 2 1 0 1.4-.7 2.7-.7s1.6.7 2.7.6c1.1 0 1.8-1 2.5-2 .8-1.1 1.1-2.2 1.1-2.3 0 0-2.2-.8-2.2-3.3zM14.4 6.5c.6-.7 1-1.6.9-2.5-.8 0-1.8.5-2.4 1.2-.5.6-1 1.6-.9 2.5.9.1 1.8-.5 2.4-1.2z',
    ],
  ],
  facebook: [
    ['#1877F2', circle(12, 12, 11)],
    [
      '#fff',
      'M13.4 23v-8.4h2.8l.4-3.3h-3.2V9.2c0-.9.3-1.6 1.6-1.6h1.7V4.7c-.3 0-1.3-.1-2.5-.1-2.5 0-4.2 1.5-4.2 4.3v2.4H7.2v3.3H10V23z',
    ],
  ],
  discord: [
    ['#5865F2', 'M6 3h12a4 4 0 0 1 4 4v10a4 4 0 0 1-4 4H6a4 4 0 0 1-4-4V7a4 4 0 0 1 4-4z'],
    [
      '#fff',
      'M16.5 7.6A11 11 0 0 0 13.8 6.8l-.4.7a10 10 0 0 0-2.8 0l-.4-.7a11 11 0 0 0-2.7.8C5.8 10.2 5.3 12.8 5.6 15.3a11 11 0 0 0 3.3 1.7l.7-1.1a7 7 0 0 1-1.1-.5l.3-.2a7.8 7.8 0 0 0 6.4 0l.3.2-1.1.5.7 1.1a11 11 0 0 0 3.3-1.7c.4-2.9-.6-5.5-1.9-7.7zM9.7 13.8c-.6 0-1.2-.6-1.2-1.3s.5-1.3 1.2-1.3 1.2.6 1.2 1.3-.5 1.3-1.2 1.3zm4.6 0c-.6 0-1.2-.6-1.2-1.3s.5-1.3 1.2-1.3 1.2.6 1.2 1.3-.5 1.3-1.2 1.3z',
    ],
  ],
  gitlab: [
    [
      '#E24329',
      'M12 21.5 2.3 14.4a.8.8 0 0 1-.3-.9L5.2 3.6a.4.4 0 0 1 .8 0L8.2 10h7.6l2.2-6.4a.4.4 0 0 1 .8 0l3.2 9.9a.8.8 0 0 1-.3.9z',
    ],
    ['#FC6D26', 'M12 21.5 8.2 10H2.9zM12 21.5 15.8 10h5.3z'],
    ['#FCA326', 'M2.9 10 2 13.5a.8.8 0 0 0 .3.9L12 21.5zM21.1 10l.9 3.5a.8.8 0 0 1-.3.9L12 21.5z'],
  ],
  linkedin_oidc: [
    ['#0A66C2', 'M4 2h16a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z'],
    [
      '#fff',
      `M5.5 9.5h3V19h-3zM13 9.5h-2.9V19h3v-4.7c0-1.3.3-2.5 1.9-2.5s1.6 1.5 1.6 2.6V19h3v-5.3c0-2.6-.6-4.5-3.6-4.5-1.5 0-2.5.8-2.9 1.6z${circle(7, 6.5, 1.7)}`,
    ],
  ],
  slack: [
    ['#36C5F0', 'M4 7.5h8a1.5 1.5 0 0 1 0 3H4a1.5 1.5 0 0 1 0-3zM7.5 4.5a1.5 1.5 0 0 1 3 0V6h-3z'],
    ['#2EB67D', 'M16.5 4v8a1.5 1.5 0 0 1-3 0V4a1.5 1.5 0 0 1 3 0zM19.5 7.5a1.5 1.5 0 0 1 0 3H18v-3z'],
    ['#ECB22E', 'M20 16.5h-8a1.5 1.5 0 0 1 0-3h8a1.5 1.5 0 0 1 0 3zM16.5 19.5a1.5 1.5 0 0 1-3 0V18h3z'],
    ['#E01E5A', 'M7.5 20v-8a1.5 1.5 0 0 1 3 0v8a1.5 1.5 0 0 1-3 0zM4.5 16.5a1.5 1.5 0 0 1 0-3H6v3z'],
  ],
  x: [
    ['#000', 'M3 3h5.5l12.5 18h-5.5z'],
    ['#000', 'M20 3 4 21', 1.8],
  ],
  twitch: [
    ['#9146FF', 'M5 2 2.5 6v14h4.5v3h3l3-3h4l4.5-4.5V2z'],
    ['#fff', 'M6.5 4H19v10.5L16.5 17h-4.5l-3 3v-3h-2.5z'],
    ['#9146FF', 'M11 7.5h2v5h-2zM15.5 7.5h2v5h-2z'],
  ],
  spotify: [
    ['#1DB954', circle(12, 12, 11)],
    ['#000', 'M6.5 8.7c3.8-1.2 8.1-.8 11.3 1.1M7 12.3c3.1-.9 6.6-.5 9.3 1.1M7.6 15.6c2.5-.7 5.2-.4 7.3.9', 1.6],
  ],
  bitbucket: [
    ['#2684FF', 'M2.7 3a.7.7 0 0 0-.7.8l2.8 16.6a1 1 0 0 0 .9.8h12.8a.7.7 0 0 0 .7-.6L22 3.8a.7.7 0 0 0-.7-.8z'],
    ['#fff', 'M14.3 14.6H9.8L8.6 8.6h6.9z'],
  ],
  notion: [
    ['#fff', 'M5 2.5h14a2.5 2.5 0 0 1 2.5 2.5v14a2.5 2.5 0 0 1-2.5 2.5H5A2.5 2.5 0 0 1 2.5 19V5A2.5 2.5 0 0 1 5 2.5z'],
    [
      '#000',
      'M5 2.5h14a2.5 2.5 0 0 1 2.5 2.5v14a2.5 2.5 0 0 1-2.5 2.5H5A2.5 2.5 0 0 1 2.5 19V5A2.5 2.5 0 0 1 5 2.5z',
      1.5,
    ],
    ['#000', 'M7.5 6.5h3l4.5 7v-6l-1-.3v-.7h3.5v.7l-1 .3v10h-2l-5.5-8.3v6.8l1.2.4v.8H7.5v-.8l1-.4V7.5l-1-.3z'],
  ],
  dropbox: [
    [
      '#0061FF',
      'M7 3 2 6.3l5 3.2 5-3.2zM17 3l-5 3.3 5 3.2 5-3.2zM2 12.7 7 16l5-3.3-5-3.2zM17 9.5l-5 3.2 5 3.3 5-3.3zM7 17.1l5 3.3 5-3.3-5-3.2z',
    ],
  ],
  linear: [
    ['#5E6AD2', circle(12, 12, 10)],
    ['#fff', 'M3.5 13.2 10.8 20.5M3 10.4 13.6 21M4.4 7.1 16.9 19.6M6.6 4.7l12.7 12.7', 1.3],
  ],
  coinbase: [
    ['#0052FF', circle(12, 12, 11)],
    ['#fff', circle(12, 12, 6.5)],
    ['#0052FF', 'M10.3 9.8h3.4a.5.5 0 0 1 .5.5v3.4a.5.5 0 0 1-.5.5h-3.4a.5.5 0 0 1-.5-.5v-3.4a.5.5 0 0 1 .5-.5z'],
  ],
  tiktok: [
    ['#25F4EE', note(14.4, 2.4)],
    ['#FE2C55', note(15.6, 3.6)],
    ['#000', note(15, 3)],
  ],
};

const GLOBE: readonly MarkLayer[] = [
  ['currentColor', `${circle(12, 12, 9)}M3 12h18M12 3c-3 3-3 15 0 18M12 3c3 3 3 15 0 18`, 1.6],
];

/** `oauth_google` or `google` → `google`; `oauth_custom_acme` → `custom_acme` (no mark). */
const markId = (provider: string) => provider.replace(/^oauth_/, '');

/** Whether the provider (`oauth_google` or `google`) has a mark of its own (custom providers do not). */
export const hasProviderMark = (provider: string): boolean => Object.hasOwn(MARKS, markId(provider));

/** The provider's mark, or the globe. */
export const providerMark = (provider: string): readonly MarkLayer[] =>
  hasProviderMark(provider) ? (MARKS[markId(provider)] as readonly MarkLayer[]) : GLOBE;

/** The file the Frontend API serves the provider's mark as (`google.svg`; `globe.svg` for custom providers). */
export const providerMarkFile = (provider: string): string =>
  hasProviderMark(provider) ? `${markId(provider)}.svg` : 'globe.svg';

/** The SVG document a `providerMarkFile` name stands for, or null for a name it never gives. */
export function providerMarkSvgForFile(file: string): string | null {
  const id = file.endsWith('.svg') ? file.slice(0, -'.svg'.length) : null;
  if (id === 'globe') return markSvg(GLOBE);
  return id !== null && hasProviderMark(id) ? markSvg(providerMark(id)) : null;
}

/** A mark as a standalone SVG document (its paths hold only path data and colours). */
function markSvg(layers: readonly MarkLayer[]): string {
  const paths = layers.map(([paint, d, stroke]) =>
    stroke === undefined
      ? `<path d="${d}" fill="${paint}"/>`
      : `<path d="${d}" fill="none" stroke="${paint}" stroke-width="${stroke}"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24">${paths.join('')}</svg>`;
}
