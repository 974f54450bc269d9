/**
 * The social providers' marks (packages/shared's provider-marks.ts), drawn as inline SVGs so a
 * button never loads an image from anywhere. Providers without a mark get a globe.
 */
import { providerMark } from '@gatehouse/shared/provider-marks';

export { hasProviderMark } from '@gatehouse/shared/provider-marks';

/** The provider's mark (decorative: the button or list item names the provider). */
export function ProviderLogo({ strategy }: { strategy: string }) {
  const layers = providerMark(strategy);
  return (
    <svg className="gh-provider-logo" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      {layers.map(([paint, d, stroke], i) =>
        stroke === undefined ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: a mark's layers never move
          <path key={i} d={d} fill={paint} />
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: a mark's layers never move
          <path key={i} d={d} fill="none" stroke={paint} strokeWidth={stroke} />
        ),
      )}
    </svg>
  );
}
