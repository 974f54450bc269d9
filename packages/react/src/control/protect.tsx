/**
 * `<Protect>`: its children when the user is signed in and passes the check, else `fallback`
 * (nothing by default). Checks: `condition(has)`, or one of `role`, `permission`,
 * `reverification` (see `useAuth().has`).
 */
import type { ReactNode } from 'react';
import { type HasParams, useAuth } from '../hooks/auth.ts';

export type ProtectProps = {
  children?: ReactNode;
  fallback?: ReactNode;
  condition?: (has: (params: HasParams) => boolean) => boolean;
  role?: string;
  permission?: string;
  reverification?: Extract<HasParams, { reverification: unknown }>['reverification'];
};

/** @example <Protect reverification="strict" fallback={<p>Sign in again to continue.</p>}>...</Protect> */
export function Protect({ children, fallback = null, condition, role, permission, reverification }: ProtectProps) {
  const { isLoaded, isSignedIn, has } = useAuth();
  if (!isLoaded) return null;
  if (!isSignedIn) return fallback;
  const ok =
    (condition === undefined || condition(has)) &&
    (role === undefined || has({ role })) &&
    (permission === undefined || has({ permission })) &&
    (reverification === undefined || has({ reverification }));
  return ok ? children : fallback;
}
