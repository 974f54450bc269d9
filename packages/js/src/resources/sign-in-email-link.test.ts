/**
 * The magic-link poll's tolerance of a failed reload: one that crossed the client token's
 * rotation (the link opened in another tab) is tried again; three failures in a row end the
 * wait with the error. The sign-in is a plain object here: the helper only calls `reload`.
 */
import { describe, expect, it } from 'vitest';
import { type EmailLinkSignIn, waitForEmailLink } from './sign-in-email-link.ts';

interface FakeSignIn extends EmailLinkSignIn<FakeSignIn> {}

const waiting = (status: string): Omit<FakeSignIn, 'reload'> => ({
  status,
  firstFactorVerification: { strategy: 'email_link', status: 'unverified' },
  prepareFirstFactor: () => Promise.reject(new Error('not used')),
});

/** A sign-in whose reloads answer, in turn, each step: an Error is thrown, a status is returned. */
function scripted(steps: Array<string | Error>): { signIn: FakeSignIn; reloads: () => number } {
  let calls = 0;
  const make = (status: string): FakeSignIn => ({
    ...waiting(status),
    reload: async () => {
      const step = steps[calls++];
      if (step === undefined) throw new Error('reloaded past the script');
      if (step instanceof Error) throw step;
      return make(step);
    },
  });
  return { signIn: make('needs_first_factor'), reloads: () => calls };
}

describe('waitForEmailLink', () => {
  it('keeps polling after a failed reload and resolves with the completed sign-in', async () => {
    const { signIn, reloads } = scripted([new Error('sign_in_not_found'), 'needs_first_factor', 'complete']);
    const result = await waitForEmailLink(signIn, { pollIntervalMs: 1 }).promise;
    expect(result.status).toBe('complete');
    expect(reloads()).toBe(3);
  });

  it('forgives failures that are not consecutive', async () => {
    const fail = new Error('network');
    const { signIn } = scripted([fail, fail, 'needs_first_factor', fail, fail, 'complete']);
    await expect(waitForEmailLink(signIn, { pollIntervalMs: 1 }).promise).resolves.toMatchObject({
      status: 'complete',
    });
  });

  it('ends the wait with the error after three failed reloads in a row', async () => {
    const gone = new Error('sign_in_not_found');
    const { signIn, reloads } = scripted([gone, gone, gone, 'complete']);
    await expect(waitForEmailLink(signIn, { pollIntervalMs: 1 }).promise).rejects.toBe(gone);
    expect(reloads()).toBe(3);
  });
});
