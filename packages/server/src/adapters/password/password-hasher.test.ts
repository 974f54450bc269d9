import { GatehouseError } from '@gatehouse/shared';
import { hash as argon2Hash } from '@node-rs/argon2';
import { hash as bcryptHash } from '@node-rs/bcrypt';
import { describe, expect, it } from 'vitest';
import { estimateStrength } from '../../domain/policies/password-policy.ts';
import { ARGON2_OPTIONS, createPasswordHasher } from './password-hasher.ts';

const PASSWORD = 'correct horse battery staple';
const hasher = createPasswordHasher({ concurrency: 2 });

describe('hash', () => {
  it('produces an argon2id PHC string with m=19456, t=2, p=1', async () => {
    const digest = await hasher.hash(PASSWORD);
    expect(digest).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(digest).not.toContain(PASSWORD);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hasher.hash(PASSWORD), hasher.hash(PASSWORD)]);
    expect(a).not.toBe(b);
  });
});

describe('verify', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const digest = await hasher.hash(PASSWORD);
    expect(await hasher.verify(digest, PASSWORD)).toBe(true);
    expect(await hasher.verify(digest, `${PASSWORD}!`)).toBe(false);
    expect(await hasher.verify(digest, '')).toBe(false);
  });

  it('verifies an imported bcrypt digest', async () => {
    const digest = await bcryptHash(PASSWORD, 4);
    expect(digest).toMatch(/^\$2[aby]\$04\$/);
    expect(await hasher.verify(digest, PASSWORD)).toBe(true);
    expect(await hasher.verify(digest, 'wrong password')).toBe(false);
  });

  it('verifies an imported argon2 digest with other parameters', async () => {
    const digest = await argon2Hash(PASSWORD, { ...ARGON2_OPTIONS, memoryCost: 4096, timeCost: 1 });
    expect(await hasher.verify(digest, PASSWORD)).toBe(true);
    expect(await hasher.verify(digest, 'wrong password')).toBe(false);
  });

  it('refuses everything against a malformed digest instead of throwing', async () => {
    expect(await hasher.verify('$argon2id$garbage', PASSWORD)).toBe(false);
    expect(await hasher.verify('not a hash', PASSWORD)).toBe(false);
  });

  it('verifyDummy completes for any password', async () => {
    await expect(hasher.verifyDummy(PASSWORD)).resolves.toBeUndefined();
  });
});

describe('needsRehash', () => {
  it('is false for a digest made with the current parameters', async () => {
    expect(hasher.needsRehash(await hasher.hash(PASSWORD))).toBe(false);
  });

  it('is true for a bcrypt digest', async () => {
    expect(hasher.needsRehash(await bcryptHash(PASSWORD, 4))).toBe(true);
  });

  it('is true for a weaker argon2id digest', async () => {
    const weaker = await argon2Hash(PASSWORD, { ...ARGON2_OPTIONS, memoryCost: 4096 });
    expect(weaker).toMatch(/^\$argon2id\$v=19\$m=4096,t=2,p=1\$/);
    expect(hasher.needsRehash(weaker)).toBe(true);
    const fewerPasses = await argon2Hash(PASSWORD, { ...ARGON2_OPTIONS, timeCost: 1 });
    expect(hasher.needsRehash(fewerPasses)).toBe(true);
  });

  it('is true for another argon2 variant with the same costs', async () => {
    const argon2i = await argon2Hash(PASSWORD, { ...ARGON2_OPTIONS, algorithm: 1 as typeof ARGON2_OPTIONS.algorithm });
    expect(argon2i).toMatch(/^\$argon2i\$v=19\$m=19456,t=2,p=1\$/);
    expect(hasher.needsRehash(argon2i)).toBe(true);
  });
});

describe('saturation', () => {
  it('fails fast with server_busy when every permit is taken and the queue is full', async () => {
    const tight = createPasswordHasher({ concurrency: 1, maxQueue: 0 });
    const bcryptDigest = await bcryptHash(PASSWORD, 4);
    // Started in the same tick: the first call holds the only permit while the others are asked.
    const first = tight.hash(PASSWORD);
    const refusedHash = tight.hash(PASSWORD).catch((e: unknown) => e);
    const refusedVerify = tight.verify(bcryptDigest, PASSWORD).catch((e: unknown) => e);
    for (const err of [await refusedHash, await refusedVerify]) {
      expect(err).toBeInstanceOf(GatehouseError);
      expect(err).toMatchObject({
        code: 'server_busy',
        status: 503,
        message: 'The server is busy. Try again in a moment.',
        meta: { reason: 'password_hashing_saturated' },
      });
    }
    expect(await first).toMatch(/^\$argon2id\$/);
    // The permit is free again once the first hash is done.
    expect(await tight.verify(bcryptDigest, PASSWORD)).toBe(true);
  });
});

describe('estimateStrength', () => {
  it('gives the same estimate on its worker as the pure function, user inputs included', async () => {
    const inputs = ['gwendolyn.fairfax@example.com', 'Gwendolyn', 'Fairfax'];
    for (const [password, userInputs] of [
      [PASSWORD, []],
      ['gwendolyn1987', inputs],
      ['qwerty', []],
    ] as const) {
      expect(await hasher.estimateStrength(password, [...userInputs])).toEqual(
        estimateStrength(password, [...userInputs]),
      );
    }
  });
});

describe('scheduling', () => {
  // Linux only (CI): each thread's nice value is readable in /proc. The hash worker lowers its
  // own priority so that token minting wins when both want the CPU.
  it.runIf(process.platform === 'linux')('hashes on a worker thread at the lowest CPU priority', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const niceOfThreads = () =>
      readdirSync('/proc/self/task').map((tid) => {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        // Fields after the command name (which may contain spaces): nice is field 19.
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      });
    const own = createPasswordHasher({ concurrency: 1 });
    try {
      await own.hash(PASSWORD);
      expect(niceOfThreads()).toContain(19);
      expect(niceOfThreads()[0]).toBe(0); // the main thread keeps its priority
    } finally {
      await own.close();
    }
  });
});
