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
  const session = gatehouse.client.sessions.find((s) => s.id === sessionId);
  if (onPending && session?.status === 'pending') return onPending(sessionId);
  await continueAfterAuth(gatehouse, sessionId, props);
}

export async function continueAfterAuth(gatehouse: Gatehouse, sessionId: string, props: AfterAuthProps) {
  if (props.afterSignIn) await props.afterSignIn({ sessionId });
  else if (props.redirectUrl) await gatehouse.navigate(props.redirectUrl);
}
