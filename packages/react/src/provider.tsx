/**
 * `<GatehouseProvider>`: creates (or takes) the SDK instance, loads it once, and gives hooks
 * and components the instance, the appearance and the strings. It renders its children at
 * once; hooks report `isLoaded: false` until the environment and client have arrived.
 */
import { Gatehouse, type GatehouseOptions } from '@gatehouse/js';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { GatehouseContext, UiContext } from './context.ts';
import type { Appearance } from './ui/appearance.ts';
import { type LocalizationResource, mergeLocalization } from './ui/localization/en-us.ts';

export interface GatehouseProviderProps {
  /** The instance's publishable key (`pk_test_...` / `pk_live_...`). */
  publishableKey?: string;
  /** Overrides the Frontend API URL the key names. */
  frontendApiUrl?: string;
  /** Other SDK options (navigate, tokenRefreshIntervalMs, ...). */
  options?: GatehouseOptions;
  /** An instance you created yourself (tests, or sharing one with non-React code). */
  gatehouse?: Gatehouse;
  appearance?: Appearance;
  localization?: LocalizationResource;
  children?: ReactNode;
}

/**
 * @example
 * <GatehouseProvider publishableKey="pk_test_..." localization={frFR}>
 *   <SignedIn><UserButton /></SignedIn>
 *   <SignedOut><SignIn /></SignedOut>
 * </GatehouseProvider>
 */
export function GatehouseProvider(props: GatehouseProviderProps) {
  const { publishableKey, frontendApiUrl, options, gatehouse, appearance, localization, children } = props;
  const [instance] = useState(() => {
    if (gatehouse) return gatehouse;
    if (!publishableKey) throw new TypeError('<GatehouseProvider> needs a publishableKey or a gatehouse instance.');
    return new Gatehouse(publishableKey, { ...options, ...(frontendApiUrl && { frontendApiUrl }) });
  });
  useEffect(() => {
    // load() is memoized and retries reads with backoff; a final failure leaves isLoaded false.
    instance.load().catch(() => undefined);
  }, [instance]);
  const ui = useMemo(() => ({ appearance, localization: mergeLocalization(localization) }), [appearance, localization]);
  return (
    <GatehouseContext.Provider value={instance}>
      <UiContext.Provider value={ui}>{children}</UiContext.Provider>
    </GatehouseContext.Provider>
  );
}
