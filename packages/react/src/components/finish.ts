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

export async function activateAndContinue(gatehouse: Gatehouse, sessionId: string, props: AfterAuthProps) {
  await gatehouse.setActive({ session: sessionId });
  if (props.afterSignIn) await props.afterSignIn({ sessionId });
  else if (props.redirectUrl) await gatehouse.navigate(props.redirectUrl);
}
