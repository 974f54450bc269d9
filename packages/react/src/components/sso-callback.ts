/**
 * Where `<SignIn>` and `<SignUp>` come back to from a social provider, and what they do there.
 * As Clerk's components, each handles its own `sso-callback` sub-route:
 * - `routing="hash"` (the default without `path`): `<this page>#/sso-callback`, which needs no
 *   server route (the Account Portal's pages work this way);
 * - `routing="path"` with `path="/sign-in"`: `/sign-in/sso-callback` (your router must render
 *   the component there too).
 * A component recognises `#/sso-callback` whatever its routing. Once the callback was handled
 * the sub-route is left (`history.replaceState`), so a reload does not handle it twice.
 */
import type { Gatehouse, HandleOAuthCallbackParams, RedirectCallbackResult } from '@gatehouse/js';
import { useEffect, useRef, useState } from 'react';

export interface RoutingProps {
  /** How the component finds its `sso-callback` sub-route: `hash` (default) or `path` (needs `path`). */
  routing?: 'path' | 'hash';
  /** The path the component is rendered at (`/sign-in`), for `routing="path"`. */
  path?: string;
}

const SEGMENT = 'sso-callback';
const HASH = `#/${SEGMENT}`;

const usesPath = (p: RoutingProps): p is RoutingProps & { path: string } =>
  (p.routing ?? (p.path ? 'path' : 'hash')) === 'path' && !!p.path;
const base = (path: string) => path.replace(/\/+$/, '');

/** The absolute URL of the component's SSO callback, for `authenticateWithRedirect`'s `redirectUrl`. */
export function ssoCallbackUrl(p: RoutingProps): string {
  const { origin, pathname, search } = window.location;
  return usesPath(p) ? `${origin}${base(p.path)}/${SEGMENT}${search}` : `${origin}${pathname}${search}${HASH}`;
}

/** Whether the page is the component's SSO callback (read once, when the component mounts). */
export function isSsoCallback(p: RoutingProps): boolean {
  if (typeof window === 'undefined') return false;
  const { hash, pathname } = window.location;
  return hash === HASH || (usesPath(p) && base(pathname) === `${base(p.path)}/${SEGMENT}`);
}

/** Leaves the SSO callback for the component's own URL, without a history entry. */
export function leaveSsoCallback(p: RoutingProps): void {
  const { pathname, search, hash } = window.location;
  const path = usesPath(p) && base(pathname) === `${base(p.path)}/${SEGMENT}` ? base(p.path) || '/' : pathname;
  if (path === pathname && hash !== HASH) return;
  window.history.replaceState(window.history.state, '', `${path}${search}`);
}

export type CallbackOutcome = { result: RedirectCallbackResult } | { error: unknown };

/**
 * Runs `gatehouse.handleRedirectCallback(params)` once while `run` holds (React's Strict Mode
 * mounts effects twice: the second mount waits for the first call), and gives its outcome.
 */
export function useRedirectCallback(
  gatehouse: Gatehouse,
  run: boolean,
  params: HandleOAuthCallbackParams = {},
): CallbackOutcome | null {
  const [outcome, setOutcome] = useState<CallbackOutcome | null>(null);
  const call = useRef<Promise<CallbackOutcome> | null>(null);
  const latest = useRef(params);
  latest.current = params;
  useEffect(() => {
    if (!run) return;
    call.current ??= gatehouse.handleRedirectCallback(latest.current).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    let live = true;
    void call.current.then((o) => {
      if (live) setOutcome(o);
    });
    return () => {
      live = false;
    };
  }, [gatehouse, run]);
  return outcome;
}
