import type { SettingsPatch } from '@gatehouse/shared';
import { describe, expect, it } from 'vitest';
import { defaultSettings, type InstanceSettings, resolveSettings } from '../../config/instance-settings.ts';
import type { Verification } from '../verification/verification.ts';
import { signUpRequirements } from './requirements.ts';
import type { SignUp } from './sign-up.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

const settingsWith = (patch: SettingsPatch): InstanceSettings => {
  const r = resolveSettings(patch);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.settings;
};

const emailVerification = (status: Verification['status']): Verification => ({
  strategy: 'email_code',
  status,
  attempts: 0,
  expireAt: NOW + 600_000,
  verifiedAt: status === 'verified' ? NOW : null,
});

const signUp = (over: Partial<SignUp> = {}): SignUp => ({
  id: 'sua_1',
  instanceId: 'ins_1',
  clientId: 'client_1',
  status: 'missing_requirements',
  emailAddress: null,
  username: null,
  firstName: null,
  lastName: null,
  passwordDigest: null,
  unsafeMetadata: {},
  emailVerification: null,
  createdUserId: null,
  createdSessionId: null,
  expiresAt: NOW + 86_400_000,
  version: 1,
  createdAt: NOW,
  updatedAt: NOW,
  ...over,
});

/** A sign-up with an email (verified) and a password: all the default settings require. */
const filled = (over: Partial<SignUp> = {}) =>
  signUp({
    emailAddress: 'ada@example.com',
    passwordDigest: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    emailVerification: emailVerification('verified'),
    ...over,
  });

describe('required and optional fields', () => {
  it('by default requires email_address and password; first and last name are optional; no username', () => {
    const r = signUpRequirements(signUp(), defaultSettings());
    expect(r.required).toEqual(['email_address', 'password']);
    expect(r.optional).toEqual(['first_name', 'last_name']);
  });

  it('requires username, first_name and last_name when each is enabled and required', () => {
    const settings = settingsWith({
      auth: {
        username: { enabled: true, required: true },
        first_name: { required: true },
        last_name: { required: true },
      },
    });
    const r = signUpRequirements(signUp(), settings);
    expect(r.required).toEqual(['email_address', 'password', 'username', 'first_name', 'last_name']);
    expect(r.optional).toEqual([]);
  });

  it('makes an enabled but not required username optional', () => {
    const r = signUpRequirements(signUp(), settingsWith({ auth: { username: { enabled: true } } }));
    expect(r.required).toEqual(['email_address', 'password']);
    expect(r.optional).toEqual(['username', 'first_name', 'last_name']);
  });

  it('leaves a disabled field out entirely, even when marked required', () => {
    const settings = settingsWith({
      auth: { username: { enabled: false, required: true }, first_name: { enabled: false, required: true } },
    });
    const r = signUpRequirements(signUp(), settings);
    expect(r.required).not.toContain('username');
    expect(r.required).not.toContain('first_name');
    expect(r.optional).toEqual(['last_name']);
  });
});

describe('missing fields', () => {
  it('lists every required field without a value', () => {
    const r = signUpRequirements(signUp(), defaultSettings());
    expect(r.missing).toEqual(['email_address', 'password']);
  });

  it('drops a field once it has a value', () => {
    const r = signUpRequirements(signUp({ emailAddress: 'ada@example.com' }), defaultSettings());
    expect(r.missing).toEqual(['password']);
  });

  it('never lists an optional field', () => {
    const r = signUpRequirements(filled(), defaultSettings());
    expect(r.missing).toEqual([]);
    expect(r.optional).toContain('first_name');
  });

  it('lists a required username, first and last name while they are empty', () => {
    const settings = settingsWith({
      auth: {
        username: { enabled: true, required: true },
        first_name: { required: true },
        last_name: { required: true },
      },
    });
    expect(signUpRequirements(filled(), settings).missing).toEqual(['username', 'first_name', 'last_name']);
    expect(signUpRequirements(filled({ username: 'ada', firstName: 'Ada' }), settings).missing).toEqual(['last_name']);
  });
});

describe('unverified fields', () => {
  it('lists the email address while it must be verified and has no verification yet', () => {
    const r = signUpRequirements(signUp({ emailAddress: 'ada@example.com' }), defaultSettings());
    expect(r.unverified).toEqual(['email_address']);
  });

  it.each(['unverified', 'failed', 'expired'] as const)('lists it while the verification is %s', (status) => {
    const s = filled({ emailVerification: emailVerification(status) });
    expect(signUpRequirements(s, defaultSettings()).unverified).toEqual(['email_address']);
  });

  it('does not list it once verified', () => {
    expect(signUpRequirements(filled(), defaultSettings()).unverified).toEqual([]);
  });

  it('does not list it when verification at sign-up is off', () => {
    const settings = settingsWith({ auth: { email_address: { verify_at_sign_up: false } } });
    const s = filled({ emailVerification: null });
    expect(signUpRequirements(s, settings).unverified).toEqual([]);
  });

  it('does not list an email address that was not given (it is missing instead)', () => {
    const r = signUpRequirements(signUp(), defaultSettings());
    expect(r.unverified).toEqual([]);
    expect(r.missing).toContain('email_address');
  });
});

describe('status', () => {
  it('is missing_requirements while a field is missing', () => {
    const s = filled({ passwordDigest: null });
    expect(signUpRequirements(s, defaultSettings()).status).toBe('missing_requirements');
  });

  it('is missing_requirements while the email is unverified, even with every field given', () => {
    const s = filled({ emailVerification: emailVerification('unverified') });
    const r = signUpRequirements(s, defaultSettings());
    expect(r.missing).toEqual([]);
    expect(r.status).toBe('missing_requirements');
  });

  it('is complete when nothing is missing or unverified', () => {
    expect(signUpRequirements(filled(), defaultSettings()).status).toBe('complete');
  });

  it('is complete without a verification when verification at sign-up is off', () => {
    const settings = settingsWith({ auth: { email_address: { verify_at_sign_up: false } } });
    expect(signUpRequirements(filled({ emailVerification: null }), settings).status).toBe('complete');
  });

  it('stays abandoned, even when every requirement is met', () => {
    const r = signUpRequirements(filled({ status: 'abandoned' }), defaultSettings());
    expect(r.missing).toEqual([]);
    expect(r.unverified).toEqual([]);
    expect(r.status).toBe('abandoned');
  });

  it('is recomputed from the facts, not taken from a stored complete status', () => {
    const s = filled({ status: 'complete', passwordDigest: null });
    expect(signUpRequirements(s, defaultSettings()).status).toBe('missing_requirements');
  });
});
