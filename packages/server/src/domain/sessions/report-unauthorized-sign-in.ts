/**
 * "This wasn't me": the link of a new-device email signs that one session out at once.
 * The link is single-use (the store's conditional write decides between two concurrent
 * uses), expires after a week, and is recognised only by the SHA-256 of its token, so a
 * changed token is simply unknown.
 */
import type { Deps } from '../deps.ts';
import type { Instance } from '../instances/instance.ts';
import { hashToken } from '../secrets.ts';

export type UnauthorizedSignInResult =
  | { outcome: 'revoked'; sessionId: string; userId: string }
  | { outcome: 'used' | 'expired' | 'invalid' };

export async function reportUnauthorizedSignIn(
  deps: Pick<Deps, 'clock' | 'store'>,
  instance: Instance,
  token: string,
): Promise<UnauthorizedSignInResult> {
  return deps.store.transaction(async (store) => {
    const now = deps.clock.now();
    const r = await store.unauthorizedSignInLinks.consume(instance.id, hashToken(token), now);
    if (!r.ok) return { outcome: r.reason === 'unknown' ? 'invalid' : r.reason };
    // Only this session: the user's other devices stay signed in. A session that already
    // ended stays as it is.
    await store.sessions.endIfActive(instance.id, r.link.sessionId, 'revoked', now);
    return { outcome: 'revoked', sessionId: r.link.sessionId, userId: r.link.userId };
  });
}
