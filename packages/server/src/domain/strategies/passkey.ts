/**
 * The passkey first factor (WebAuthn), where `auth.passkey.enabled` is on:
 * - prepare returns request options (in the verification's `nonce`): the user's credentials
 *   when the sign-in names an account, none for a discoverable sign-in (no identifier yet:
 *   the "Sign in with a passkey" button and browser autofill). The challenge is kept as the
 *   sign-in's one-time code (10 minutes, single use, stored as an HMAC);
 * - attempt checks the assertion with `@simplewebauthn/server` (challenge, origin allowed by
 *   the instance, RP id, signature over the stored public key, user verification, counter).
 *   The credential must be registered and, when the sign-in names an account, belong to it.
 *   A failed check counts toward the owner's lockout, a success resets it, a locked account is
 *   refused before the signature is looked at;
 * - without an identifier, the verified passkey's owner becomes the sign-in's account.
 */
import { GatehouseError } from '@gatehouse/shared';
import { generateAuthenticationOptions, verifyAuthenticationResponse } from '@simplewebauthn/server';
import { clientData, parseAuthenticationCredential, relyingPartyId } from '../passkeys/relying-party.ts';
import { assertNotLocked, countFailedAttempt, countSuccessfulAttempt } from '../users/lockout.ts';
import { attemptCode, issueCode } from '../verification/one-time-code.ts';
import type { FirstFactorStrategy } from './strategy.ts';

export const PASSKEY = 'passkey';
const PURPOSE = 'sign_in:first_factor:passkey';

const failed = (longMessage?: string) =>
  new GatehouseError('passkey_verification_failed', { longMessage, meta: { param_name: 'public_key_credential' } });

export const passkeyStrategy: FirstFactorStrategy = {
  id: PASSKEY,
  identifiesUser: true,
  isAvailable: (_user, settings) => settings.auth.passkey.enabled,
  async prepare(deps, ctx, signIn, user) {
    const mine = user ? await deps.store.passkeys.listByUser(ctx.instance.id, user.id) : [];
    const options = await generateAuthenticationOptions({
      rpID: relyingPartyId(ctx.instance),
      allowCredentials: mine
        .filter((p) => p.credentialId !== null)
        .map((p) => ({ id: p.credentialId!, transports: p.transports as never })),
      userVerification: 'preferred',
    });
    const { expiresAt } = await issueCode(
      deps,
      deps.store,
      { instanceId: ctx.instance.id, subjectId: signIn.id, purpose: PURPOSE },
      // The challenge is this sign-in's one-time secret: answered once, within 10 minutes.
      { fixedCode: options.challenge },
    );
    return {
      strategy: PASSKEY,
      status: 'unverified',
      attempts: null,
      expireAt: expiresAt,
      verifiedAt: null,
      nonce: JSON.stringify(options),
    };
  },
  async attempt(deps, ctx, user, input, signIn) {
    if (input.publicKeyCredential === undefined || input.publicKeyCredential === '')
      throw new GatehouseError('form_param_missing', { meta: { param_name: 'public_key_credential' } });
    if (signIn.firstFactorVerification?.strategy !== PASSKEY) throw new GatehouseError('verification_not_prepared');
    const credential = parseAuthenticationCredential(input.publicKeyCredential);
    const { challenge, origin } = clientData(ctx.instance, credential, 'passkey_verification_failed');
    const now = deps.clock.now();
    const passkey = await deps.store.passkeys.findByCredentialId(ctx.instance.id, credential.id);
    // A sign-in that names an account (or an unknown one, strict mode) takes only that account's passkeys.
    const owner =
      passkey === null || passkey.publicKey === null
        ? null
        : signIn.identifier !== null
          ? user !== null && user.id === passkey.userId
            ? user
            : null
          : await deps.store.users.findById(ctx.instance.id, passkey.userId);
    if (owner) assertNotLocked(owner, now);
    // A wrong challenge (a replayed assertion) takes one of the three tries; the right one is consumed.
    const answered = await attemptCode(
      deps,
      deps.store,
      { instanceId: ctx.instance.id, subjectId: signIn.id, purpose: PURPOSE },
      challenge,
    );
    if (answered.outcome !== 'verified') {
      if (answered.outcome === 'expired') throw new GatehouseError('verification_expired');
      // A wrong challenge (a replay) is a failed attempt; losing a race to one's own right answer is not.
      if (owner && answered.outcome === 'incorrect') await countFailedAttempt(deps, ctx.instance, owner);
      throw failed('This passkey request is no longer valid. Try again.');
    }
    if (!owner || !passkey || passkey.publicKey === null) {
      if (user) await countFailedAttempt(deps, ctx.instance, user);
      throw failed('This passkey is not registered for this account.');
    }
    let verified = false;
    let newCounter = passkey.counter;
    try {
      const result = await verifyAuthenticationResponse({
        response: credential,
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: relyingPartyId(ctx.instance),
        credential: {
          id: passkey.credentialId!,
          publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
          counter: passkey.counter,
          transports: passkey.transports as never,
        },
        requireUserVerification: false,
      });
      verified = result.verified;
      newCounter = result.authenticationInfo.newCounter;
    } catch {
      verified = false;
    }
    if (!verified) {
      await countFailedAttempt(deps, ctx.instance, owner);
      throw failed();
    }
    await deps.store.passkeys.recordUse(ctx.instance.id, passkey.id, newCounter, now);
    await countSuccessfulAttempt(deps, ctx.instance.settings, owner);
    if (owner.banned) throw new GatehouseError('user_banned');
    return {
      strategy: PASSKEY,
      status: 'verified',
      attempts: null,
      expireAt: null,
      verifiedAt: now,
      identifiedUserId: owner.id,
    };
  },
};
