/**
 * The password first factor. Rules, in order:
 * - an unknown account (strict enumeration mode only) costs a dummy hash and fails like a wrong
 *   password, and its failures lock the identifier as an account's lock it
 *   (`users/unknown-identifier-lockout.ts`), so a lock does not tell that an account exists;
 * - a locked account fails with `user_locked` before any hashing (a lock exists to stop guessing);
 * - an account without a password fails after a dummy hash;
 * - a wrong password counts toward the user's lockout (`users/lockout.ts`) and fails; the
 *   failure that reaches the limit answers `user_locked`; a right one resets the count;
 * - a banned account is only reported after the right password, so a
 *   guesser learns nothing about the account's state;
 * - a right password in an old format (bcrypt, weaker argon2) is upgraded to current argon2id.
 */
import { GatehouseError } from '@gatehouse/shared';
import { assertNotLocked, countFailedAttempt, countSuccessfulAttempt } from '../users/lockout.ts';
import {
  assertUnknownIdentifierNotLocked,
  countUnknownIdentifierFailure,
} from '../users/unknown-identifier-lockout.ts';
import type { FirstFactorStrategy } from './strategy.ts';

export const passwordStrategy: FirstFactorStrategy = {
  id: 'password',
  // In strict mode an account without a password is offered the factor like an unknown one,
  // and fails like a wrong password: anything else would tell that the account exists.
  isAvailable: (user, settings) =>
    user === null || user.passwordDigest !== null || settings.attack_protection.user_enumeration.mode === 'strict',
  async attempt(deps, ctx, user, input, signIn) {
    const password = input.password;
    if (password === undefined || password === '')
      throw new GatehouseError('form_param_missing', {
        longMessage: 'Enter your password.',
        meta: { param_name: 'password' },
      });
    const strict = ctx.instance.settings.attack_protection.user_enumeration.mode === 'strict';
    const wrong = () =>
      new GatehouseError(strict ? 'form_password_or_identifier_incorrect' : 'form_password_incorrect', {
        meta: { param_name: 'password' },
      });
    const now = deps.clock.now();

    if (user === null) {
      const { settings, id: instanceId } = ctx.instance;
      if (signIn.identifier) await assertUnknownIdentifierNotLocked(deps, settings, instanceId, signIn.identifier);
      await deps.hasher.verifyDummy(password);
      if (signIn.identifier) await countUnknownIdentifierFailure(deps, settings, instanceId, signIn.identifier);
      throw wrong();
    }
    assertNotLocked(user, now);
    if (user.passwordDigest === null) {
      await deps.hasher.verifyDummy(password);
      if (strict) throw wrong();
      throw new GatehouseError('strategy_for_user_invalid', { meta: { param_name: 'strategy' } });
    }
    if (!(await deps.hasher.verify(user.passwordDigest, password))) {
      await countFailedAttempt(deps, ctx.instance, user);
      throw wrong();
    }
    await countSuccessfulAttempt(deps, ctx.instance.settings, user);
    if (user.banned) throw new GatehouseError('user_banned');
    if (deps.hasher.needsRehash(user.passwordDigest))
      await deps.store.users.update(
        user.instanceId,
        user.id,
        { passwordDigest: await deps.hasher.hash(password) },
        now,
      );
    return { strategy: 'password', status: 'verified', attempts: null, expireAt: null, verifiedAt: now };
  },
};
