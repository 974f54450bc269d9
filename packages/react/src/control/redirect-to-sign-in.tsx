/**
 * `<RedirectToSignIn>`: once loaded and signed out, navigates to the sign-in page (yours, or
 * the instance's hosted one) with `redirect_url` pointing back here.
 */
import { useEffect } from 'react';
import { useGatehouse } from '../context.ts';
import { useGatehouseState } from '../hooks/use-gatehouse-state.ts';

/** @example <SignedOut><RedirectToSignIn signInUrl="/sign-in" /></SignedOut> */
export function RedirectToSignIn({ signInUrl, redirectUrl }: { signInUrl?: string; redirectUrl?: string }) {
  const gatehouse = useGatehouse();
  const { loaded, session } = useGatehouseState();
  useEffect(() => {
    if (loaded && !session)
      void gatehouse.redirectToSignIn({
        ...(signInUrl !== undefined && { signInUrl }),
        ...(redirectUrl !== undefined && { redirectUrl }),
      });
  }, [gatehouse, loaded, session, signInUrl, redirectUrl]);
  return null;
}
