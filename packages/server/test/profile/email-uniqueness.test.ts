/**
 * Who owns an address. An address added to a profile but not verified reserves nothing:
 * another person can still sign up with it (or be created with it), it signs no one in, and
 * whoever verifies first claims it; the other account's verification then fails with
 * form_identifier_exists and leaves its address unverified. Codes stay single-use under
 * concurrency. On an instance that does not verify at sign-up, the sign-up address still
 * identifies its account alone.
 */
import { ERRORS } from '@gatehouse/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../backend-api/expect-error.ts';
import { createUser, PASSWORD, signIn, signUp, uniqueEmail } from '../fixtures/flows.ts';
import type { Browser } from '../fixtures/http-client.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { addEmail, addVerifiedEmail, attemptEmail, EMAILS, emailPath, prepareEmail } from './helpers.ts';

const CONCURRENCY = 16;

let server: TestServer;
beforeAll(async () => {
  // The concurrent bursts below exceed the attempts bucket, which is not their subject.
  server = await startServer({ settings: { attack_protection: { rate_limits: { enabled: false } } } });
});
afterAll(() => server.close());

async function signedIn(s: TestServer = server): Promise<{ browser: Browser; email: string; userId: string }> {
  const browser = s.browser();
  return { browser, ...(await signUp(s, browser, uniqueEmail('owner'))) };
}

const verificationOf = async (browser: Browser, id: string) => (await browser.get(emailPath(id))).body.response;

describe('an unverified address reserves nothing', () => {
  it('does not stop another person from signing up with it', async () => {
    const a = await signedIn();
    const shared = uniqueEmail('shared');
    await addEmail(a.browser, shared);

    const b = await signUp(server, server.browser(), shared);
    expect(b.userId).not.toBe(a.userId);
  });

  it('signs no one in: sign-in with it is answered like an unknown address', async () => {
    const a = await signedIn();
    const shared = uniqueEmail('nosignin');
    await addEmail(a.browser, shared);

    const r = await server.browser().post('/v1/client/sign_ins', { identifier: shared, password: PASSWORD });
    const unknown = await server
      .browser()
      .post('/v1/client/sign_ins', { identifier: uniqueEmail('nobody'), password: PASSWORD });
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual(unknown.body.errors);
  });

  it('does not stop an administrator from creating a user with it', async () => {
    const a = await signedIn();
    const shared = uniqueEmail('admin');
    await addEmail(a.browser, shared);
    const created = await server.backend.post('/v1/users', { email_address: [shared], password: PASSWORD });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.email_addresses[0]).toMatchObject({
      email_address: shared,
      verification: { status: 'verified', strategy: 'admin' },
    });
  });

  it('is lost once another account verifies it: form_identifier_exists, and the address stays unverified', async () => {
    const a = await signedIn();
    const shared = uniqueEmail('claimed');
    const id = await addEmail(a.browser, shared);
    const code = await prepareEmail(server, a.browser, id, shared);

    // B's sign-up mail is newer than A's code: the dev mailbox orders by time.
    server.clock.advance(1000);
    const b = await signUp(server, server.browser(), shared);

    const r = await attemptEmail(a.browser, id, code);
    expectError(r, 'form_identifier_exists', { param_name: 'email_address' });
    expect((await verificationOf(a.browser, id)).verification.status).toBe('unverified');
    // A cannot ask for a new code for it either, and the address signs B in.
    expectError(
      await a.browser.post(emailPath(id, 'prepare_verification'), { strategy: 'email_code' }),
      'form_identifier_exists',
    );
    const signedInAs = await signIn(server.browser(), shared);
    expect(signedInAs.body.client.sessions[0].user.id).toBe(b.userId);
  });

  it('cannot be added once another account verified it: form_identifier_exists', async () => {
    const a = await signedIn();
    const { email } = await createUser(server);
    expectError(await a.browser.post(EMAILS, { email_address: email }), 'form_identifier_exists', {
      param_name: 'email_address',
    });
    const other = await signedIn();
    expectError(await a.browser.post(EMAILS, { email_address: other.email }), 'form_identifier_exists');
  });
});

describe('verification races', () => {
  it('gives an address to exactly one of two users verifying it at once; the other gets form_identifier_exists', async () => {
    const a = await signedIn();
    const b = await signedIn();
    const shared = uniqueEmail('race');
    const idA = await addEmail(a.browser, shared);
    const idB = await addEmail(b.browser, shared);
    const codeA = await prepareEmail(server, a.browser, idA, shared);
    server.clock.advance(1000);
    const codeB = await prepareEmail(server, b.browser, idB, shared);

    const [ra, rb] = await Promise.all([attemptEmail(a.browser, idA, codeA), attemptEmail(b.browser, idB, codeB)]);
    expect([ra.status, rb.status].sort(), JSON.stringify([ra.body, rb.body])).toEqual([200, 422]);
    const [winner, loser] = ra.status === 200 ? [a, b] : [b, a];
    const loserResult = ra.status === 200 ? rb : ra;
    const loserId = ra.status === 200 ? idB : idA;
    expectError(loserResult, 'form_identifier_exists', { param_name: 'email_address' });

    // Nothing half-written: the loser's address is unverified, the winner's verified, and
    // the address signs the winner in.
    expect((await verificationOf(loser.browser, loserId)).verification.status).toBe('unverified');
    const winnerEmails = (await winner.browser.get(EMAILS)).body;
    expect(winnerEmails.find((e: { email_address: string }) => e.email_address === shared).verification.status).toBe(
      'verified',
    );
    const session = await signIn(server.browser(), shared, PASSWORD);
    expect(session.body.client.sessions[0].user.id).toBe(winner.userId);
  });

  it(`consumes one code once: of ${CONCURRENCY} concurrent correct attempts exactly one verifies`, async () => {
    const a = await signedIn();
    const extra = uniqueEmail('burst');
    const id = await addEmail(a.browser, extra);
    const code = await prepareEmail(server, a.browser, id, extra);

    const results = await Promise.all(Array.from({ length: CONCURRENCY }, () => attemptEmail(a.browser, id, code)));

    const won = results.filter((r) => r.status === 200);
    expect(won, JSON.stringify(results.map((r) => r.body?.errors?.[0]?.code ?? 'ok'))).toHaveLength(1);
    expect(won[0]!.body.response).toMatchObject({ id, verification: { status: 'verified', strategy: 'email_code' } });
    // A loser found the code spent, or (arriving later) the address already verified.
    const losing = ['verification_failed', 'verification_already_verified'] as const;
    for (const r of results.filter((x) => x.status !== 200)) {
      const code = r.body.errors[0].code as (typeof losing)[number];
      expect(losing).toContain(code);
      expectError(r, code);
      expect(r.body.errors[0].message).toBe(ERRORS[code].message);
    }
    const list = (await a.browser.get(EMAILS)).body;
    expect(list.filter((e: { email_address: string }) => e.email_address === extra)).toHaveLength(1);
    expect((await verificationOf(a.browser, id)).verification.status).toBe('verified');
  });
});

describe('on an instance that does not verify at sign-up', () => {
  let lax: TestServer;
  beforeAll(async () => {
    lax = await startServer({
      settings: {
        auth: { email_address: { verify_at_sign_up: false } },
        attack_protection: { rate_limits: { enabled: false } },
      },
    });
  });
  afterAll(() => lax.close());

  /** A sign-up that completes with the address unverified. */
  async function laxSignUp(email: string) {
    const browser = lax.browser();
    const r = await browser.post('/v1/client/sign_ups', { email_address: email, password: PASSWORD });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.response.status).toBe('complete');
    return { browser, userId: r.body.response.created_user_id as string };
  }

  it('keeps the unverified sign-up address to its account: it signs in, and no one else may take it', async () => {
    const email = uniqueEmail('lax');
    const { browser, userId } = await laxSignUp(email);
    const me = await browser.get('/v1/me');
    expect(me.body.response.email_addresses[0]).toMatchObject({ email_address: email, verification: null });

    const session = await signIn(lax.browser(), email, PASSWORD);
    expect(session.body.client.sessions[0].user.id).toBe(userId);
    const again = await lax.browser().post('/v1/client/sign_ups', { email_address: email, password: PASSWORD });
    expectError(again, 'form_identifier_exists', { param_name: 'email_address' });
    const other = await laxSignUp(uniqueEmail('laxother'));
    expectError(await other.browser.post(EMAILS, { email_address: email }), 'form_identifier_exists');
  });

  it('refuses to remove the last verified address: identification_deletion_failed', async () => {
    const { browser } = await laxSignUp(uniqueEmail('laxlast'));
    const extra = uniqueEmail('laxverified');
    const id = await addVerifiedEmail(lax, browser, extra);

    expectError(await browser.delete(emailPath(id)), 'identification_deletion_failed', { email_address_id: id });
    const list = (await browser.get(EMAILS)).body;
    expect(list.map((e: { id: string }) => e.id)).toContain(id);

    // With a second verified address, the first may go.
    const second = await addVerifiedEmail(lax, browser, uniqueEmail('laxsecond'));
    expect((await browser.delete(emailPath(id))).status).toBe(200);
    expectError(await browser.delete(emailPath(second)), 'identification_deletion_failed');
  });
});
