import { describe, expect, it } from 'vitest';
import { newUserRecord, type User } from '../users/user.ts';
import type { ExternalAccount, ProviderProfile } from './external-account.ts';
import { decideLink } from './linking.ts';

const profile = (p: Partial<ProviderProfile> = {}): ProviderProfile => ({
  providerUserId: 'g-1',
  email: 'ada@example.com',
  emailVerified: true,
  firstName: 'Ada',
  lastName: null,
  username: null,
  imageUrl: null,
  ...p,
});

const user = (status: 'verified' | 'unverified', email = 'ada@example.com'): User =>
  newUserRecord(
    {
      id: 'user_1',
      instanceId: 'ins_1',
      emailAddresses: [
        {
          id: 'idn_1',
          userId: 'user_1',
          emailAddress: email,
          verificationStatus: status,
          verificationStrategy: null,
          verifiedAt: status === 'verified' ? 1 : null,
          claimed: true,
          createdAt: 0,
          updatedAt: 0,
        },
      ],
    },
    0,
  );

const linked = { userId: 'user_9' } as ExternalAccount;

describe('account linking rules', () => {
  it('known_provider_account: a connected provider account signs its own user in, whatever the email says', () => {
    expect(decideLink({ profile: profile({ emailVerified: false }), linked, emailOwner: user('verified') })).toEqual({
      rule: 'known_provider_account',
      action: 'sign_in',
      userId: 'user_9',
    });
  });

  it('verified_email_match: both sides verified the address, so the accounts link and sign in', () => {
    expect(decideLink({ profile: profile(), linked: null, emailOwner: user('verified') })).toEqual({
      rule: 'verified_email_match',
      action: 'link_and_sign_in',
      userId: 'user_1',
    });
  });

  it('provider_email_unverified: an address the provider did not verify must be proven by code first', () => {
    expect(
      decideLink({ profile: profile({ emailVerified: false }), linked: null, emailOwner: user('verified') }),
    ).toMatchObject({ rule: 'provider_email_unverified', action: 'verify_email_then_link', email: 'ada@example.com' });
  });

  it('user_email_unverified: a user whose own address is unverified is never linked silently, even on a verified provider email', () => {
    expect(decideLink({ profile: profile(), linked: null, emailOwner: user('unverified') })).toMatchObject({
      rule: 'user_email_unverified',
      action: 'verify_email_then_link',
    });
  });

  it('no_matching_user: no account has the address (or the provider gave none), so it is a sign-up', () => {
    expect(decideLink({ profile: profile(), linked: null, emailOwner: null })).toEqual({
      rule: 'no_matching_user',
      action: 'sign_up',
    });
    expect(decideLink({ profile: profile({ email: null }), linked: null, emailOwner: user('verified') })).toEqual({
      rule: 'no_matching_user',
      action: 'sign_up',
    });
  });
});
