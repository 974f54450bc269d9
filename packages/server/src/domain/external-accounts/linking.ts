/**
 * What a provider account met at sign-in may do, as named rules tried in order. The first
 * that applies decides. An email links two accounts only when both sides verified it: the
 * provider (its `email_verified`, GitHub's `verified` flag) and Gatehouse (the user's own
 * address). Anything less asks the person to prove the address with an email code first, so
 * an attacker who registers a victim's address at a lax provider (or pre-creates an
 * unverified Gatehouse account with it) never gets linked silently.
 */
import type { User } from '../users/user.ts';
import type { ExternalAccount, ProviderProfile } from './external-account.ts';

export type LinkRule =
  | 'known_provider_account'
  | 'verified_email_match'
  | 'provider_email_unverified'
  | 'user_email_unverified'
  | 'no_matching_user';

export type LinkDecision =
  | { rule: 'known_provider_account'; action: 'sign_in'; userId: string }
  | { rule: 'verified_email_match'; action: 'link_and_sign_in'; userId: string }
  | {
      rule: 'provider_email_unverified' | 'user_email_unverified';
      action: 'verify_email_then_link';
      userId: string;
      email: string;
    }
  | { rule: 'no_matching_user'; action: 'sign_up' };

export interface LinkFacts {
  profile: ProviderProfile;
  /** The connected account with this provider user id, if any. */
  linked: ExternalAccount | null;
  /** The user who claimed the provider's email, if any (null when the provider gave none). */
  emailOwner: User | null;
}

export function decideLink({ profile, linked, emailOwner }: LinkFacts): LinkDecision {
  if (linked) return { rule: 'known_provider_account', action: 'sign_in', userId: linked.userId };
  if (!emailOwner || profile.email === null) return { rule: 'no_matching_user', action: 'sign_up' };
  const own = emailOwner.emailAddresses.find((e) => e.emailAddress === profile.email);
  if (own?.verificationStatus !== 'verified')
    return {
      rule: 'user_email_unverified',
      action: 'verify_email_then_link',
      userId: emailOwner.id,
      email: profile.email,
    };
  if (!profile.emailVerified)
    return {
      rule: 'provider_email_unverified',
      action: 'verify_email_then_link',
      userId: emailOwner.id,
      email: profile.email,
    };
  return { rule: 'verified_email_match', action: 'link_and_sign_in', userId: emailOwner.id };
}
