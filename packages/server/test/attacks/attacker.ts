/** What an attacker does over HTTP, for the attack suite: always from a fresh client unless told. */
import { expect } from 'vitest';
import type { Browser } from '../fixtures/http-client.ts';
import type { TestServer } from '../fixtures/server.ts';

/** One password guess in one request (identifier and password), from a fresh cookie jar. */
export const guess = (server: TestServer, identifier: string, password: string, browser = server.browser()) =>
  browser.post('/v1/client/sign_ins', { identifier, password });

/** The lockout state the Backend API shows for a user. */
export async function lockoutState(server: TestServer, userId: string) {
  const r = await server.backend.get(`/v1/users/${userId}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const { locked, lockout_expires_in_seconds, verification_attempts_remaining } = r.body;
  return { locked, lockout_expires_in_seconds, verification_attempts_remaining };
}

/** How many responses carry each error code (or `ok` for a 200). */
export function tally(responses: { status: number; body: { errors?: { code: string }[] } }[]) {
  const counts: Record<string, number> = {};
  for (const r of responses) {
    const key = r.status === 200 ? 'ok' : (r.body.errors?.[0]?.code ?? `http_${r.status}`);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Ends the browser's current session (sign out), keeping its client. */
export async function signOut(browser: Browser, sessionId: string) {
  const r = await browser.post(`/v1/client/sessions/${sessionId}/end`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}
