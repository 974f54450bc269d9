/**
 * The instance's protections around social sign-in, against the local GitHub:
 * - a restricted instance (sign-ups off) turns no provider account into a user;
 * - a locked user stays locked out, whatever the provider says;
 * - Client Trust asks no code after a social sign-in on a new device (the provider proved it);
 * - the new-device alert names the provider as the sign-in method;
 * - the session remembers the method and the device it was made on;
 * - a user with two-step verification still enters the second factor: the provider proves the
 *   first one only.
 * @see issue 14 (social sign-in: attack protections still apply)
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PARIS_IP, SAFARI_IPHONE } from '../devices/test-ips.ts';
import { createUser, signIn, signUp, uniqueEmail } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import type { GitHubUser } from '../fixtures/oauth/github-server.ts';
import { attemptSecondFactor, enrolTotp, freezeClock, STEP_MS, totpCode } from '../mfa/helpers.ts';
import { type SocialWorld, socialRoundTrip, startSocialWorld } from './social-fixture.ts';

let world: SocialWorld;
let nextId = 7100;
/** A GitHub account whose only address is `email`, verified. */
const githubUser = (email: string): GitHubUser => {
  const user = {
    id: ++nextId,
    login: `gh${nextId}`,
    name: 'Gee Hub',
    emails: [{ email, primary: true, verified: true }],
  };
  world.github.users.push(user);
  return user;
};

beforeAll(async () => {
  world = await startSocialWorld([], [], { smtp: true, trustProxy: true });
});
afterAll(() => world.close());

const device = (ip: string, userAgent: string): Browser => {
  const b = world.server.browser();
  b.headers = { 'user-agent': userAgent, 'x-forwarded-for': ip };
  return b;
};

const userCount = async () => (await world.server.backend.get('/v1/users/count')).body.total_count as number;

describe('what the instance decides still holds', () => {
  it('a restricted instance refuses the transfer to a sign-up and creates no user', async () => {
    const { server, github } = world;
    await server.backend.patch('/v1/instance/settings', { sign_up: { mode: 'restricted' } });
    try {
      const before = await userCount();
      github.nextLogin({ userId: githubUser(uniqueEmail('restricted')).id });
      const browser = server.browser();
      const { signIn: si } = await socialRoundTrip(server, browser, 'oauth_github');
      expect(si.first_factor_verification.status).toBe('transferable');
      const transfer = await browser.post('/v1/client/sign_ups', { transfer: true });
      expect(transfer.status).toBe(403);
      expect(transfer.body.errors[0].code).toBe('sign_up_disabled');
      expect(await userCount()).toBe(before);
    } finally {
      await server.backend.patch('/v1/instance/settings', { sign_up: { mode: 'public' } });
    }
  });

  it('a locked user is refused at the callback, with the lockout on the sign-in', async () => {
    const { server, github } = world;
    const { email, userId } = await createUser(server, uniqueEmail('locked'));
    const locked = await server.backend.post(`/v1/users/${userId}/lock`);
    expect(locked.status, JSON.stringify(locked.body)).toBe(200);
    github.nextLogin({ userId: githubUser(email).id });
    const { signIn: si, client } = await socialRoundTrip(server, server.browser(), 'oauth_github');
    expect(si.first_factor_verification).toMatchObject({ status: 'failed', error: { code: 'user_locked' } });
    expect(client.sessions).toEqual([]);
  });
});

describe('a social sign-in on a new device', () => {
  it('asks no Client Trust code, alerts the owner naming GitHub, and records the method and device', async () => {
    const { server, github } = world;
    const { email } = await signUp(server, server.browser(), uniqueEmail('traveller'));
    // A first sign-in after sign-up is never alerted; this one makes the next device "new".
    await signIn(server.browser(), email);
    const gh = githubUser(email);

    github.nextLogin({ userId: gh.id });
    const phone = device(PARIS_IP, SAFARI_IPHONE);
    const { signIn: si, client } = await socialRoundTrip(server, phone, 'oauth_github');
    // Linked on the verified address and complete: no `needs_client_trust` step.
    expect(si).toBeNull();
    const session = client.sessions.find((s: { id: string }) => s.id === client.last_active_session_id);
    expect(session.user.email_addresses[0].email_address).toBe(email);

    // Sent after the sign-in committed: wait for it to reach the SMTP sink.
    const alert = await vi.waitFor(() => {
      const found = server.smtp!.messages.find((m) => m.to.includes(email) && m.subject.includes('New sign-in'));
      if (!found) throw new Error('no alert yet');
      return found;
    });
    expect(alert.text).toContain('Sign-in method: GitHub');
    expect(alert.text).toContain('Safari');

    const mine = await phone.get('/v1/me/sessions');
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    const listed = mine.body.find((s: { id: string }) => s.id === session.id);
    expect(listed.latest_activity).toMatchObject({
      sign_in_method: 'oauth_github',
      browser_name: 'Mobile Safari',
      ip_address: PARIS_IP,
    });
    // Nothing about the provider's tokens travels to the browser.
    expect(JSON.stringify(mine.body)).not.toMatch(/gho_|access_token/);
  });
});

describe('two-step verification', () => {
  it('a user with TOTP enters a code after the provider, and only then has a session', async () => {
    const { server, github } = world;
    const realNow = server.clock.now;
    const clock = freezeClock(server);
    try {
      const home = server.browser();
      const { email } = await signUp(server, home, uniqueEmail('two-step'));
      const { secret } = await enrolTotp(server, home);
      const gh = githubUser(email);

      github.nextLogin({ userId: gh.id });
      const browser = server.browser();
      const { signIn: si, client } = await socialRoundTrip(server, browser, 'oauth_github');
      expect(si).toMatchObject({ status: 'needs_second_factor', first_factor_verification: { status: 'verified' } });
      expect(si.supported_second_factors.map((f: { strategy: string }) => f.strategy)).toContain('totp');
      expect(client.sessions).toEqual([]);

      clock.advance(STEP_MS);
      const done = await attemptSecondFactor(browser, si.id, 'totp', totpCode(secret, clock.now()));
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body.response.status).toBe('complete');
      const user = (await browser.get('/v1/me')).body.response;
      expect(user.external_accounts.map((a: { provider: string }) => a.provider)).toEqual(['oauth_github']);
    } finally {
      server.clock.now = realNow;
    }
  });
});
