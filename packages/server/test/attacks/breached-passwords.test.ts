/**
 * An attacker (or a careless user) choosing a breached password, and one signing in with a
 * password breached since. New passwords are checked at sign-up, password change, reset and
 * admin create against the bundled list of common breached passwords (always) and, where the
 * instance enables it, against a HaveIBeenPwned range API, here a local server speaking its
 * protocol. Only the 5-character SHA-1 prefix may leave the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../backend-api/expect-error.ts';
import { createUser, PASSWORD, passClientTrust, signUp, uniqueEmail } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { type LocalPeer, sha1Hex, startPwnedPasswords } from './local-peers.ts';

/** Strong by zxcvbn and absent from the bundled list: only the range API knows it is breached. */
const BREACHED_ONLINE = 'purple monkey dishwasher 42';
/** Listed by the range API with count 0 (a padding-like entry): not breached. */
const COUNT_ZERO = 'lantern orchard velvet comet';
const CLEAN = 'a brand new passphrase';

let hibp: LocalPeer;
let hung: LocalPeer;
let online: TestServer;
let offline: TestServer;
let down: TestServer;
let slow: TestServer;
let enforcing: TestServer;

const pwnedSettings = (base: string, extra: Record<string, unknown> = {}) => ({
  attack_protection: { pwned_passwords: { enabled: true, api_base_url: base, timeout_ms: 300, ...extra } },
});

beforeAll(async () => {
  [hibp, hung] = await Promise.all([
    startPwnedPasswords({ [BREACHED_ONLINE]: 1234, [COUNT_ZERO]: 0 }),
    startPwnedPasswords({}, { hang: true }),
  ]);
  [online, offline, down, slow, enforcing] = await Promise.all([
    startServer({ settings: pwnedSettings(hibp.url) }),
    startServer(),
    startServer({ settings: pwnedSettings('http://127.0.0.1:9') }),
    startServer({ settings: pwnedSettings(hung.url) }),
    startServer({ settings: pwnedSettings(hibp.url, { enforce_on_sign_in: true }) }),
  ]);
});
afterAll(async () => {
  await Promise.all([online, offline, down, slow, enforcing].map((s) => s?.close()));
  await Promise.all([hibp?.close(), hung?.close()]);
});

const createSignUp = (browser: Browser, password: string) =>
  browser.post('/v1/client/sign_ups', { email_address: uniqueEmail('pw'), password });

describe('the bundled list of common breached passwords (always on)', () => {
  it('refuses one at sign-up with form_password_pwned, without asking any range API', async () => {
    const before = hibp.requests.length;
    const r = await createSignUp(offline.browser(), 'password123');
    expectError(r, 'form_password_pwned', { param_name: 'password' });
    expect(hibp.requests.length).toBe(before);
  });

  it('refuses one when an administrator creates a user', async () => {
    const r = await offline.backend.post('/v1/users', { email_address: [uniqueEmail()], password: 'iloveyou1' });
    expectError(r, 'form_password_pwned', { param_name: 'password' });
  });

  it('still accepts it with skip_password_checks (imports keep their passwords)', async () => {
    const r = await offline.backend.post('/v1/users', {
      email_address: [uniqueEmail()],
      password: 'iloveyou1',
      skip_password_checks: true,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });
});

describe('the range API by k-anonymity', () => {
  it('refuses a password it lists, and the only trace of the password it received is the 5-character prefix', async () => {
    const from = hibp.requests.length;
    const r = await createSignUp(online.browser(), BREACHED_ONLINE);
    expectError(r, 'form_password_pwned', { param_name: 'password' });

    const sent = hibp.requests.slice(from);
    const hash = sha1Hex(BREACHED_ONLINE);
    expect(sent.map((q) => `${q.method} ${q.url}`)).toEqual([`GET /range/${hash.slice(0, 5)}`]);
    expect(sent[0]!.headers['add-padding']).toBe('true');
    const everything = JSON.stringify(sent).toUpperCase();
    expect(everything).not.toContain(BREACHED_ONLINE.toUpperCase());
    expect(everything).not.toContain(hash);
    expect(everything).not.toContain(hash.slice(5));
  });

  it('accepts a password it does not list, and one it lists with a count of 0', async () => {
    expect((await createSignUp(online.browser(), CLEAN)).status).toBe(200);
    expect((await createSignUp(online.browser(), COUNT_ZERO)).status).toBe(200);
  });

  it('refuses a breached new password at password change (param new_password)', async () => {
    const browser = online.browser();
    await signUp(online, browser);
    const r = await browser.post('/v1/me/change_password', {
      current_password: PASSWORD,
      new_password: BREACHED_ONLINE,
    });
    expectError(r, 'form_password_pwned', { param_name: 'new_password' });
  });

  it('refuses a breached password set by an administrator on update', async () => {
    const { userId } = await createUser(online);
    const r = await online.backend.patch(`/v1/users/${userId}`, { password: BREACHED_ONLINE });
    expectError(r, 'form_password_pwned', { param_name: 'password' });
  });

  it('is not asked when the instance leaves it off', async () => {
    const before = hibp.requests.length;
    expect((await createSignUp(offline.browser(), BREACHED_ONLINE)).status).toBe(200);
    expect(hibp.requests.length).toBe(before);
  });
});

describe('a range API that does not answer: fail open', () => {
  it('accepts the password when the service refuses connections, and logs a warning without the password', async () => {
    const r = await createSignUp(down.browser(), BREACHED_ONLINE);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const logs = down.logs.join('');
    expect(logs).toContain('pwned passwords check failed open');
    expect(logs).not.toContain(BREACHED_ONLINE);
    expect(logs.toUpperCase()).not.toContain(sha1Hex(BREACHED_ONLINE).slice(0, 5));
  });

  it('accepts the password when the service hangs past timeout_ms', async () => {
    const r = await createSignUp(slow.browser(), BREACHED_ONLINE);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(hung.requests.length).toBeGreaterThan(0);
  });
});

describe('enforce on sign-in: a password breached since is replaced before the session starts', () => {
  /** Signs in; passes Client Trust as the owner would when the instance asks for it. */
  async function signInWith(browser: Browser, email: string, password: string) {
    let r = await browser.post('/v1/client/sign_ins', { identifier: email, password });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    if (r.body.response.status === 'needs_client_trust') r = await passClientTrust(browser, r.body.response.id, email);
    return r;
  }

  async function userWithBreachedPassword() {
    const email = uniqueEmail('breached');
    const r = await enforcing.backend.post('/v1/users', {
      email_address: [email],
      password: BREACHED_ONLINE,
      skip_password_checks: true,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return email;
  }

  it('moves the sign-in to needs_new_password with no session, then reset_password completes it', async () => {
    const email = await userWithBreachedPassword();
    const browser = enforcing.browser();
    const r = await signInWith(browser, email, BREACHED_ONLINE);
    expect(r.body.response.status).toBe('needs_new_password');
    expect(r.body.response.created_session_id).toBeNull();
    const id = r.body.response.id as string;

    expectError(
      await browser.post(`/v1/client/sign_ins/${id}/reset_password`, { password: BREACHED_ONLINE }),
      'form_password_pwned',
      { param_name: 'password' },
    );
    expectError(
      await browser.post(`/v1/client/sign_ins/${id}/reset_password`, { password: 'short' }),
      'form_password_length_too_short',
    );

    const done = await browser.post(`/v1/client/sign_ins/${id}/reset_password`, { password: CLEAN });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.response.status).toBe('complete');
    expect(done.body.response.created_session_id).toMatch(/^sess_/);

    // The new password is the account's password now; the breached one is gone.
    const again = enforcing.browser();
    expectError(
      await again.post('/v1/client/sign_ins', { identifier: email, password: BREACHED_ONLINE }),
      'form_password_incorrect',
    );
    expect((await signInWith(enforcing.browser(), email, CLEAN)).body.response.status).toBe('complete');
  });

  it('also catches a password on the bundled list', async () => {
    const email = uniqueEmail('common');
    await enforcing.backend.post('/v1/users', {
      email_address: [email],
      password: 'password1',
      skip_password_checks: true,
    });
    const r = await signInWith(enforcing.browser(), email, 'password1');
    expect(r.body.response.status).toBe('needs_new_password');
  });

  it('refuses reset_password on a sign-in that is not at needs_new_password', async () => {
    const { email } = await createUser(enforcing);
    const browser = enforcing.browser();
    const r = await browser.post('/v1/client/sign_ins', { identifier: email });
    const reset = await browser.post(`/v1/client/sign_ins/${r.body.response.id}/reset_password`, { password: CLEAN });
    expectError(reset, 'sign_in_invalid_status', { status: 'needs_first_factor' });
  });

  it('lets the same password sign in where the instance does not enforce it', async () => {
    const email = uniqueEmail('lenient');
    await online.backend.post('/v1/users', {
      email_address: [email],
      password: BREACHED_ONLINE,
      skip_password_checks: true,
    });
    const r = await signInWith(online.browser(), email, BREACHED_ONLINE);
    expect(r.body.response.status).toBe('complete');
  });
});

describe('the rules in the environment, for forms to show', () => {
  it('publishes password_settings in Clerk’s shape', async () => {
    await enforcing.backend.patch('/v1/instance/settings', {
      auth: { password: { min_length: 10, require_numbers: true, min_zxcvbn_score: 3 } },
    });
    const env = await enforcing.browser().get('/v1/environment');
    expect(env.body.user_settings.password_settings).toMatchObject({
      disable_hibp: false,
      min_length: 10,
      require_numbers: true,
      require_uppercase: false,
      show_zxcvbn: true,
      min_zxcvbn_strength: 3,
      enforce_hibp_on_sign_in: true,
    });
  });
});
