import type { ExternalAccountObject } from '@gatehouse/shared/wire';
import type { ExternalAccount } from '../../domain/external-accounts/external-account.ts';
import type { Verification } from '../../domain/verification/verification.ts';
import { verificationView } from './verification.ts';

/**
 * A connected account in Clerk's shape. Tokens never appear; `verification` is the round trip
 * just started (connect, reauthorize) or the account's standing (verified, or failed and why).
 */
export function externalAccountView(a: ExternalAccount, started?: Verification): ExternalAccountObject {
  const standing: Verification = {
    strategy: a.provider,
    status: a.verificationStatus,
    attempts: null,
    expireAt: null,
    verifiedAt: null,
    externalVerificationRedirectUrl: null,
    errorCode: (a.verificationError as Verification['errorCode']) ?? null,
  };
  return {
    object: 'external_account',
    id: a.id,
    provider: a.provider,
    identification_id: a.id,
    provider_user_id: a.providerUserId ?? '',
    approved_scopes: a.approvedScopes.join(' '),
    email_address: a.emailAddress,
    first_name: a.firstName,
    last_name: a.lastName,
    avatar_url: a.imageUrl,
    image_url: a.imageUrl,
    username: a.username,
    phone_number: null,
    public_metadata: {},
    label: null,
    verification: verificationView(started ?? standing),
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}
