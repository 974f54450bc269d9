/**
 * The magic-link flow (Clerk's `signIn.createEmailLinkFlow()`): `startEmailLinkFlow` mails the
 * link (`email_link` first factor, `redirectUrl` on an allowed origin) and then polls the
 * sign-in until the link was opened: the returned sign-in is `complete` (opened in this
 * browser) or has its first factor `verified`/`expired`. `cancelEmailLinkFlow` stops polling.
 */
import type { SignIn } from './sign-in.ts';

export interface StartEmailLinkFlowParams {
  redirectUrl: string;
  emailAddressId?: string;
}

export interface EmailLinkFlow {
  startEmailLinkFlow(params: StartEmailLinkFlowParams): Promise<SignIn>;
  cancelEmailLinkFlow(): void;
}

const POLL_MS = 2000;

const settled = (s: SignIn) =>
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
export function waitForEmailLink(
  signIn: SignIn,
  opts: { pollIntervalMs?: number } = {},
): { promise: Promise<SignIn>; cancel(): void } {
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
    while (!cancelled && !settled(current)) {
      await sleep(opts.pollIntervalMs ?? POLL_MS);
      if (!cancelled) current = await current.reload();
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

export function createEmailLinkFlow(signIn: SignIn, opts: { pollIntervalMs?: number } = {}): EmailLinkFlow {
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
