/**
 * The client as the Frontend API returns it: its active sessions (each with its user), and
 * the sign-in and sign-up in progress. Loads what it shows; one call per response.
 */
import type { BackendClientObject, ClientObject } from '@gatehouse/shared/wire';
import type { Client } from '../../domain/clients/client.ts';
import type { Deps } from '../../domain/deps.ts';
import type { Instance } from '../../domain/instances/instance.ts';
import { effectiveStatus, type Session } from '../../domain/sessions/session.ts';
import type { User } from '../../domain/users/user.ts';
import { clientSessionView, sessionView } from './session.ts';
import { signInView } from './sign-in.ts';
import { signUpView } from './sign-up.ts';

export async function clientView(
  deps: Pick<Deps, 'store' | 'clock'>,
  instance: Instance,
  client: Client,
): Promise<ClientObject> {
  const now = deps.clock.now();
  const { store } = deps;
  const [sessions, signIn, signUp] = await Promise.all([
    store.sessions.listByClient(instance.id, client.id, ['active']),
    client.signInId ? store.signIns.findById(instance.id, client.signInId) : null,
    client.signUpId ? store.signUps.findById(instance.id, client.signUpId) : null,
  ]);
  const live = sessions.filter((s) => effectiveStatus(s, instance.settings, now) === 'active');
  const userIds = new Set<string>(live.map((s) => s.userId));
  if (signIn?.userId) userIds.add(signIn.userId);
  const users = new Map<string, User>();
  for (const id of userIds) {
    const u = await store.users.findById(instance.id, id);
    if (u) users.set(id, u);
  }
  const lastActive = live.find((s) => s.id === client.lastActiveSessionId) ?? null;
  return {
    object: 'client',
    id: client.id,
    sessions: live.map((s: Session) => clientSessionView(s, users.get(s.userId) ?? null, instance.settings, now)),
    sign_in:
      signIn && signIn.status !== 'complete'
        ? signInView(signIn, signIn.userId ? (users.get(signIn.userId) ?? null) : null, instance.settings, now)
        : null,
    sign_up: signUp && signUp.status !== 'complete' ? signUpView(signUp, instance.settings, now) : null,
    last_active_session_id: lastActive?.id ?? null,
    last_authentication_strategy: null,
    cookie_expires_at: null,
    captcha_bypass: false,
    created_at: client.createdAt,
    updated_at: client.updatedAt,
  };
}

export async function backendClientView(
  deps: Pick<Deps, 'store'>,
  instance: Instance,
  client: Client,
): Promise<BackendClientObject> {
  const sessions = await deps.store.sessions.listByClient(instance.id, client.id, ['active']);
  return {
    object: 'client',
    id: client.id,
    session_ids: sessions.map((s) => s.id),
    sessions: sessions.map((s) => sessionView(s, instance.settings)),
    sign_in_id: client.signInId,
    sign_up_id: client.signUpId,
    last_active_session_id: client.lastActiveSessionId,
    created_at: client.createdAt,
    updated_at: client.updatedAt,
  };
}
