/** The SDK state as React state: re-renders on every client update, tearing-free. */
import type { GatehouseState } from '@gatehouse/js';
import { useCallback, useSyncExternalStore } from 'react';
import { useGatehouse } from '../context.ts';

export function useGatehouseState(): GatehouseState {
  const gatehouse = useGatehouse();
  const subscribe = useCallback(
    (onChange: () => void) => gatehouse.addListener(onChange, { skipInitialEmit: true }),
    [gatehouse],
  );
  const snapshot = () => gatehouse.state;
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
