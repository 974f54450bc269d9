/**
 * The magic-link flow (Clerk's `signIn.createEmailLinkFlow()`): `startEmailLinkFlow` mails the
 * link (`email_link` first factor, `redirectUrl` on an allowed origin) and then polls the
 * sign-in until the link was opened: the returned sign-in is `complete` (opened in this
 * browser) or has its first factor `verified`/`expired`. `cancelEmailLinkFlow` stops polling.
 */
/**
 * The steps of a sign-in this flow drives (the `SignIn` resource has them): named here rather
 * than imported, so this helper depends on what it uses and `sign-in.ts` alone imports it.
 */
export interface EmailLinkSignIn<S> {
  readonly status: string | null;
  readonly firstFactorVerification: { readonly strategy: string | null; readonly status: string } | null;
  reload(): Promise<S>;
  prepareFirstFactor(params: { strategy: 'email_link'; redirectUrl: string; emailAddressId?: string }): Promise<S>;
}

export interface StartEmailLinkFlowParams {
  redirectUrl: string;
  emailAddressId?: string;
}

export interface EmailLinkFlow<S> {
  startEmailLinkFlow(params: StartEmailLinkFlowParams): Promise<S>;
  cancelEmailLinkFlow(): void;
}

const POLL_MS = 2000;
/**
 * A failed poll is tried again at the next interval; this many failures in a row end the wait
 * with the last error. A poll fails once, harmlessly, when it crosses the sign-in completing
 * in another tab: the link opened there rotated the client token, and the poll that left
 * with the old one finds no such sign-in for it (404); the next poll carries the new token.
 */
const MAX_FAILED_POLLS = 3;

const settled = <S>(s: EmailLinkSignIn<S>) =>
  s.status === 'complete' ||
  s.status === 'abandoned' ||
  s.status === 'needs_second_factor' ||
  s.status === 'needs_client_trust' ||
  (s.firstFactorVerification?.strategy === 'email_link' && s.firstFactorVerification.status !== 'unverified');

/**
 * Polls a sign-in whose link was already sent until the link was opened (see the file
 * comment for when it resolves); `cancel` stops it, resolving with the sign-in as last seen.
 * For UIs that send the link on a user action and wait in a separate step.
 */
export function waitForEmailLink<S extends EmailLinkSignIn<S>>(
  signIn: S,
  opts: { pollIntervalMs?: number } = {},
): { promise: Promise<S>; cancel(): void } {
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });
  const poll = async () => {
    let current = signIn;
    let failures = 0;
    while (!cancelled && !settled(current)) {
      await sleep(opts.pollIntervalMs ?? POLL_MS);
      if (cancelled) break;
      try {
        current = await current.reload();
        failures = 0;
      } catch (err) {
        if (++failures >= MAX_FAILED_POLLS) throw err;
      }
    }
    return current;
  };
  return {
    promise: poll(),
    cancel() {
      cancelled = true;
      if (timer) clearTimeout(timer);
      wake?.();
    },
  };
}

export function createEmailLinkFlow<S extends EmailLinkSignIn<S>>(
  signIn: S,
  opts: { pollIntervalMs?: number } = {},
): EmailLinkFlow<S> {
  let waiting: { cancel(): void } | null = null;
  let cancelled = false;
  return {
    async startEmailLinkFlow(params) {
      cancelled = false;
      const prepared = await signIn.prepareFirstFactor({
        strategy: 'email_link',
        redirectUrl: params.redirectUrl,
        ...(params.emailAddressId !== undefined && { emailAddressId: params.emailAddressId }),
      });
      if (cancelled) return prepared;
      const wait = waitForEmailLink(prepared, opts);
      waiting = wait;
      return wait.promise;
    },
    cancelEmailLinkFlow() {
      cancelled = true;
      waiting?.cancel();
    },
  };
}
