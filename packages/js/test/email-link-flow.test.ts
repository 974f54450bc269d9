/**
 * `signIn.createEmailLinkFlow()` against a real server: it mails the link, polls, and resolves
 * once the link was opened (here elsewhere, with same-device protection off: the poll
 * completes the sign-in in this client); `cancelEmailLinkFlow` stops the polling.
 * @see issue 7 (email_link: the original tab finishes on its own)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/test/fixtures/flows.ts';
import { startServer, type TestServer } from '../../server/test/fixtures/server.ts';
import type { Gatehouse } from '../src/index.ts';
import { newGatehouse } from './helpers.ts';

const REDIRECT = 'http://localhost:5173/verify';
let server: TestServer;
const instances: Gatehouse[] = [];

beforeAll(async () => {
  server = await startServer({
    settings: { auth: { email_address: { sign_in_with_link: true, email_link: { same_device: false } } } },
  });
});
afterAll(async () => {
  for (const g of instances) g.destroy();
  await server.close();
});

async function linkPathFor(email: string): Promise<string> {
  for (;;) {
    const r = await server.backend.get(`/v1/dev/emails?to=${encodeURIComponent(email)}&limit=1`);
    const mail = (Array.isArray(r.body) ? r.body : r.body.data)[0];
    const m = mail && /(https?:\/\/\S+\/v1\/verify\?token=[A-Za-z0-9_%-]+)/.exec(mail.text);
    if (m) {
      const url = new URL(m[1]!);
      return `${url.pathname}${url.search}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('createEmailLinkFlow', () => {
  it('resolves with the completed sign-in once the link is opened', async () => {
    const { email } = await createUser(server);
    const gatehouse = await newGatehouse(server);
    instances.push(gatehouse);
    const si = await gatehouse.signIn.create({ identifier: email });
    expect(si.supportedFirstFactors.map((f) => f.strategy)).toContain('email_link');
    const flow = si.createEmailLinkFlow({ pollIntervalMs: 20 });
    const done = flow.startEmailLinkFlow({ redirectUrl: REDIRECT });

    const opened = await server.browser().get(await linkPathFor(email));
    expect(opened.status).toBe(303);
    const result = await done;
    expect(result.status).toBe('complete');
    expect(result.createdSessionId).toMatch(/^sess_/);
  });

  it('stops polling when cancelled, with the link still unopened', async () => {
    const { email } = await createUser(server);
    const gatehouse = await newGatehouse(server);
    instances.push(gatehouse);
    const si = await gatehouse.signIn.create({ identifier: email });
    const flow = si.createEmailLinkFlow({ pollIntervalMs: 20 });
    const done = flow.startEmailLinkFlow({ redirectUrl: REDIRECT });
    await linkPathFor(email);
    flow.cancelEmailLinkFlow();
    const result = await done;
    expect(result.status).toBe('needs_first_factor');
    expect(result.firstFactorVerification).toMatchObject({ strategy: 'email_link', status: 'unverified' });
  });
});
