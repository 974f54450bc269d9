/** The SDK instance and the UI settings (appearance, strings) the provider hands down. */
import type { Gatehouse } from '@gatehouse/js';
import { createContext, useContext } from 'react';
import type { Appearance } from './ui/appearance.ts';
import { enUS, type Localization } from './ui/localization/en-us.ts';

export const GatehouseContext = createContext<Gatehouse | null>(null);

export interface UiSettings {
  appearance: Appearance | undefined;
  localization: Localization;
}

export const UiContext = createContext<UiSettings>({ appearance: undefined, localization: enUS });

/**
 * The Gatehouse SDK instance of the nearest `<GatehouseProvider>`.
 * @example const gatehouse = useGatehouse(); await gatehouse.signOut();
 */
export function useGatehouse(): Gatehouse {
  const g = useContext(GatehouseContext);
  if (!g) throw new Error('Gatehouse hooks and components must be used inside <GatehouseProvider>.');
  return g;
}

export const useUi = (): UiSettings => useContext(UiContext);

/** The merged strings: English with the provider's `localization` over it. */
export const useLocalization = (): Localization => useContext(UiContext).localization;
