/**
 * Passkeys over HTTP, with a software authenticator producing real attestations and ECDSA
 * assertions (the server checks them with @simplewebauthn/server):
 * - adding one from the profile (`/v1/me/passkeys`): discoverable-credential creation options,
 *   the attestation stores the credential; list, rename, remove;
 * - signing in with one, without an identifier (discoverable: the button and autofill) and with
 *   one (`allowCredentials`); the challenge is single use, a wrong signature, a foreign origin
 *   or another account's passkey is refused, and each failure counts toward the user lockout.
 * @see issue 7 (first factors: passkey)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockoutState } from '../attacks/attacker.ts';
import { createUser, signIn } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { SoftwareAuthenticator } from '../fixtures/software-authenticator.ts';

const ORIGIN = 'http://localhost:5173';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    settings: {
      auth: { passkey: { enabled: true } },
      attack_protection: { rate_limits: { enabled: false }, user_lockout: { max_attempts: 3 } },
    },
  });
});
afterAll(() => server.close());

/** A user signed in in a fresh browser, with one passkey added through the profile. */
async function userWithPasskey() {
  const user = await createUser(server);
  const browser = server.browser();
  await signIn(browser, user.email);
  const authenticator = new SoftwareAuthenticator(ORIGIN);
  const created = await browser.post('/v1/me/passkeys');
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const pending = created.body.response;
  const verified = await browser.post(`/v1/me/passkeys/${pending.id}/attempt_verification`, {
    strategy: 'passkey',
    public_key_credential: authenticator.create(pending.verification.nonce),
  });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  return { ...user, browser, authenticator, passkeyId: pending.id as string };
}

async function startPasskeySignIn(browser: Browser, identifier?: string) {
  const created = await browser.post(
    '/v1/client/sign_ins',
    identifier === undefined ? { strategy: 'passkey' } : { identifier },
  );
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const id = created.body.response.id as string;
  const prepared = await browser.post(`/v1/client/sign_ins/${id}/prepare_first_factor`, { strategy: 'passkey' });
  expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
  return { id, nonce: prepared.body.response.first_factor_verification.nonce as string };
}

const attempt = (browser: Browser, id: string, credential: string) =>
  browser.post(`/v1/client/sign_ins/${id}/attempt_first_factor`, {
    strategy: 'passkey',
    public_key_credential: credential,
  });

describe('adding a passkey from the profile', () => {
  it('returns discoverable-credential creation options for the Frontend API host', async () => {
    const { email } = await createUser(server);
    const browser = server.browser();
    await signIn(browser, email);
    const created = await browser.post('/v1/me/passkeys');
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const passkey = created.body.response;
    expect(passkey).toMatchObject({ object: 'passkey', verification: { status: 'unverified', strategy: 'passkey' } });
    const options = JSON.parse(passkey.verification.nonce);
    expect(options.rp.id).toBe('localhost');
    expect(options.user.name).toBe(email);
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', requireResidentKey: true });
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  });

  it('stores the credential, lists it on the user, renames and removes it', async () => {
    const { browser, passkeyId } = await userWithPasskey();
    const me = await browser.get('/v1/me');
    expect(me.body.response.passkeys).toEqual([
      expect.objectContaining({
        id: passkeyId,
        name: 'Passkey',
        verification: expect.objectContaining({ status: 'verified' }),
      }),
    ]);
    const renamed = await browser.patch(`/v1/me/passkeys/${passkeyId}`, { name: 'Work laptop' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect((await browser.get(`/v1/me/passkeys/${passkeyId}`)).body.response.name).toBe('Work laptop');
    expect((await browser.get('/v1/me/passkeys')).body.map((p: { name: string }) => p.name)).toEqual(['Work laptop']);
    const removed = await browser.delete(`/v1/me/passkeys/${passkeyId}`);
    expect(removed.body.response).toEqual({ object: 'passkey', id: passkeyId, deleted: true });
    expect((await browser.get('/v1/me/passkeys')).body).toEqual([]);
  });

  it('refuses an attestation for another origin, a replayed creation, and another user’s passkey id', async () => {
    const { browser, authenticator, passkeyId } = await userWithPasskey();
    const created = (await browser.post('/v1/me/passkeys')).body.response;
    const foreign = await browser.post(`/v1/me/passkeys/${created.id}/attempt_verification`, {
      public_key_credential: authenticator.create(created.verification.nonce, { origin: 'https://evil.example' }),
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors[0].code).toBe('passkey_registration_failed');
    const again = await browser.post(`/v1/me/passkeys/${passkeyId}/attempt_verification`, {
      public_key_credential: authenticator.create(created.verification.nonce),
    });
    expect(again.body.errors[0].code).toBe('verification_already_verified');

    const stranger = await userWithPasskey();
    const theirs = await stranger.browser.get(`/v1/me/passkeys/${passkeyId}`);
    expect(theirs.status).toBe(404);
    expect(theirs.body.errors[0].code).toBe('passkey_not_found');
  });
});

describe('signing in with a passkey', () => {
  it('completes a discoverable sign-in (no identifier) as the passkey’s owner', async () => {
    const { authenticator, userId, email } = await userWithPasskey();
    const browser = server.browser();
    const { id, nonce } = await startPasskeySignIn(browser);
    expect(JSON.parse(nonce)).toMatchObject({ rpId: 'localhost', allowCredentials: [] });
    const done = await attempt(browser, id, authenticator.get(nonce));
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.response).toMatchObject({ status: 'complete', identifier: email });
    const sessions = await server.backend.get(`/v1/sessions?user_id=${userId}`);
    expect(sessions.body.map((s: { id: string }) => s.id)).toContain(done.body.response.created_session_id);
  });

  it('offers passkey to a named account and allows only its credentials', async () => {
    const { authenticator, email } = await userWithPasskey();
    const browser = server.browser();
    const created = await browser.post('/v1/client/sign_ins', { identifier: email });
    expect(created.body.response.supported_first_factors).toContainEqual({ strategy: 'passkey' });
    const { id, nonce } = await startPasskeySignIn(browser, email);
    const options = JSON.parse(nonce);
    expect(options.allowCredentials).toHaveLength(1);
    expect(options.allowCredentials[0].id).toBe(authenticator.credentials[0]!.id.toString('base64url'));
    expect((await attempt(browser, id, authenticator.get(nonce))).body.response.status).toBe('complete');
  });

  it('refuses another account’s passkey when the sign-in names an account, and counts it', async () => {
    const victim = await userWithPasskey();
    const attacker = await userWithPasskey();
    const browser = server.browser();
    const { id, nonce } = await startPasskeySignIn(browser, victim.email);
    const r = await attempt(browser, id, attacker.authenticator.get(nonce));
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({
      code: 'passkey_verification_failed',
      meta: { param_name: 'public_key_credential' },
    });
    expect((await lockoutState(server, victim.userId)).verification_attempts_remaining).toBe(2);
  });

  it('spends the challenge: a failed assertion cannot be retried, nor a good one replayed', async () => {
    const { authenticator } = await userWithPasskey();
    const browser = server.browser();
    const { id, nonce } = await startPasskeySignIn(browser);
    const bad = await attempt(browser, id, authenticator.get(nonce, { tamper: true }));
    expect(bad.body.errors[0].code).toBe('passkey_verification_failed');
    const retry = await attempt(browser, id, authenticator.get(nonce));
    expect(retry.body.errors[0].code).toBe('passkey_verification_failed');

    // A good assertion replayed on a new sign-in answers an old challenge.
    const other = server.browser();
    const first = await startPasskeySignIn(other);
    const good = authenticator.get(first.nonce);
    expect((await attempt(other, first.id, good)).body.response.status).toBe('complete');
    const third = server.browser();
    const second = await startPasskeySignIn(third);
    const replay = await attempt(third, second.id, good);
    expect(replay.status).toBe(422);
    expect(replay.body.errors[0].code).toBe('passkey_verification_failed');
  });

  // Single-use challenge consumed by a conditional write: of concurrent attempts exactly one wins.
  it('completes once under 16 concurrent attempts with the same assertion', async () => {
    const { authenticator, userId } = await userWithPasskey();
    const browser = server.browser();
    const { id, nonce } = await startPasskeySignIn(browser);
    const assertion = authenticator.get(nonce);
    const results = await Promise.all(Array.from({ length: 16 }, () => attempt(browser, id, assertion)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    // Losers: the challenge already spent, the sign-in already moved, or (after the winner rotated
    // the client token) their old token no longer names the client.
    for (const r of results.filter((x) => x.status !== 200))
      expect(['passkey_verification_failed', 'flow_conflict', 'sign_in_invalid_status', 'sign_in_not_found']).toContain(
        r.body.errors[0].code,
      );
    const sessions = await server.backend.get(`/v1/sessions?user_id=${userId}`);
    // The profile session and the one passkey sign-in.
    expect(sessions.body).toHaveLength(2);
    expect((await lockoutState(server, userId)).locked).toBe(false);
  });

  it('counts failed verifications toward the lockout and refuses a locked account', async () => {
    const { authenticator, userId } = await userWithPasskey();
    for (let i = 0; i < 3; i++) {
      const browser = server.browser();
      const { id, nonce } = await startPasskeySignIn(browser);
      const r = await attempt(browser, id, authenticator.get(nonce, { tamper: true }));
      expect(r.body.errors[0].code).toMatch(/passkey_verification_failed|user_locked/);
    }
    expect((await lockoutState(server, userId)).locked).toBe(true);
    const browser = server.browser();
    const { id, nonce } = await startPasskeySignIn(browser);
    const locked = await attempt(browser, id, authenticator.get(nonce));
    expect(locked.status).toBe(403);
    expect(locked.body.errors[0].code).toBe('user_locked');
  });

  it('refuses an assertion made for another origin, and a removed passkey', async () => {
    const { authenticator, browser: owner, passkeyId } = await userWithPasskey();
    const browser = server.browser();
    const { id, nonce } = await startPasskeySignIn(browser);
    const foreign = await attempt(browser, id, authenticator.get(nonce, { origin: 'https://evil.example' }));
    expect(foreign.body.errors[0].code).toBe('passkey_verification_failed');

    await owner.delete(`/v1/me/passkeys/${passkeyId}`);
    const later = server.browser();
    const s = await startPasskeySignIn(later);
    const gone = await attempt(later, s.id, authenticator.get(s.nonce));
    expect(gone.body.errors[0].code).toBe('passkey_verification_failed');
  });
});

describe('passkeys disabled (default)', () => {
  it('are neither offered, added, nor accepted', async () => {
    const off = await startServer();
    try {
      const { email } = await createUser(off);
      const browser = off.browser();
      await signIn(browser, email);
      const created = await browser.post('/v1/me/passkeys');
      expect(created.status).toBe(422);
      expect(created.body.errors[0].code).toBe('strategy_not_allowed');
      const fresh = off.browser();
      const s = await fresh.post('/v1/client/sign_ins', { strategy: 'passkey' });
      const prepared = await fresh.post(`/v1/client/sign_ins/${s.body.response.id}/prepare_first_factor`, {
        strategy: 'passkey',
      });
      expect(prepared.body.errors[0].code).toBe('strategy_for_user_invalid');
      expect((await fresh.get('/v1/environment')).body.user_settings.attributes.passkey.enabled).toBe(false);
    } finally {
      await off.close();
    }
  });
});
