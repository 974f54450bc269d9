/**
 * What every flow does when it completes: make the new session active (which writes the
 * session cookies), then hand over to the app: its callback, else its redirect URL.
 */
import type { Gatehouse } from '@gatehouse/js';

export interface AfterAuthProps {
  /** Called with the new session id once it is active. */
  afterSignIn?: (info: { sessionId: string }) => void | Promise<void>;
  /** Where to go once signed in (followed with the SDK's `navigate`). */
  redirectUrl?: string;
}

/**
 * `onPending` runs instead of the hand-over when the session is pending (a task such as
 * `setup-mfa` comes first); the flow then shows the task and calls `continueAfterAuth`.
 */
export async function activateAndContinue(
  gatehouse: Gatehouse,
  sessionId: string,
  props: AfterAuthProps,
  onPending?: (sessionId: string) => void,
) {
  await gatehouse.setActive({ session: sessionId });
  await continueWhenActive(gatehouse, sessionId, props, onPending);
}

/** The hand-over (or the pending session's task) for a session already made active (a social sign-in's callback). */
export async function continueWhenActive(
  gatehouse: Gatehouse,
  sessionId: string,
  props: AfterAuthProps,
  onPending?: (sessionId: string) => void,
) {
  const session = gatehouse.client.sessions.find((s) => s.id === sessionId);
  if (onPending && session?.status === 'pending') return onPending(sessionId);
  await continueAfterAuth(gatehouse, sessionId, props);
}

/**
 * Where a social sign-in goes once complete at the provider's callback (`redirectUrlComplete`):
 * the component's `redirectUrl`, unless the component must see the session first (an
 * `afterSignIn` callback, or an instance that requires two-step verification, whose new
 * session may be pending until the user sets it up).
 */
export function socialCompleteUrl(props: AfterAuthProps, mfaRequired: boolean): string | undefined {
  return props.afterSignIn || mfaRequired ? undefined : props.redirectUrl;
}

export async function continueAfterAuth(gatehouse: Gatehouse, sessionId: string, props: AfterAuthProps) {
  if (props.afterSignIn) await props.afterSignIn({ sessionId });
  else if (props.redirectUrl) await gatehouse.navigate(props.redirectUrl);
}
