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
import type {
  Environment,
  Gatehouse,
  HandleOAuthCallbackParams,
  OAuthStrategy,
  RedirectCallbackResult,
  SignIn,
  SignUp,
} from '@gatehouse/js';
import { useEffect, useRef, useState } from 'react';
import { type AfterAuthProps, socialCompleteUrl } from './finish.ts';

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

/**
 * `<SignIn>`'s and `<SignUp>`'s part of a provider round trip, handled once: back on the
 * callback sub-route, the redirect callback's outcome (or, elsewhere, `fallback`: a sign-in to
 * resume, a sign-up still missing fields) goes to `carryOn`, its errors to `onError`, and the
 * sub-route is left. Returns whether the component should still show its loading card.
 */
export function useSsoCallback(
  gatehouse: Gatehouse,
  props: RoutingProps,
  loaded: boolean,
  handlers: {
    fallback: CallbackOutcome | null;
    carryOn: (o: CallbackOutcome) => Promise<unknown>;
    onError: (e: unknown) => void;
  },
): boolean {
  const [atCallback] = useState(() => isSsoCallback(props));
  const callback = useRedirectCallback(gatehouse, loaded && atCallback);
  const handled = useRef(false);
  const [done, setDone] = useState(false);
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!loaded || handled.current || (atCallback && !callback)) return;
    handled.current = true;
    const outcome = atCallback ? callback : latest.current.fallback;
    if (!outcome) return setDone(true);
    if (atCallback) leaveSsoCallback(props);
    // The loading card stays until the next step shows (a code is sent first, a session handed over).
    latest.current
      .carryOn(outcome)
      .catch(latest.current.onError)
      .finally(() => setDone(true));
  }, [loaded, callback, atCallback, props]);
  return !done && (atCallback || handlers.fallback !== null);
}

/** Starts a provider round trip from `<SignIn>` or `<SignUp>`: back to its callback sub-route, or on to its `redirectUrl`. */
export function startSocialRedirect(
  resource: SignIn | SignUp,
  props: AfterAuthProps & RoutingProps,
  environment: Environment,
  strategy: OAuthStrategy,
): Promise<void> {
  const complete = socialCompleteUrl(props, environment.userSettings.signIn.secondFactor.required);
  return resource.authenticateWithRedirect({
    strategy,
    redirectUrl: ssoCallbackUrl(props),
    ...(complete !== undefined && { redirectUrlComplete: complete }),
  });
}
