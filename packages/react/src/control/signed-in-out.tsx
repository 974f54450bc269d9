/** `<SignedIn>` and `<SignedOut>`: render their children only in that state, once loaded. */
import type { ReactNode } from 'react';
import { useGatehouseState } from '../hooks/use-gatehouse-state.ts';

/** @example <SignedIn><UserButton /></SignedIn> */
export function SignedIn({ children }: { children?: ReactNode }) {
  const { loaded, session } = useGatehouseState();
  return loaded && session ? children : null;
}

/** @example <SignedOut><SignIn /></SignedOut> */
export function SignedOut({ children }: { children?: ReactNode }) {
  const { loaded, session } = useGatehouseState();
  return loaded && !session ? children : null;
}
