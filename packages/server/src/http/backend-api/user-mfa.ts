/**
 * Backend API: a user's second factors, and checks of a user's factors for custom flows (Clerk's
 * paths and shapes): `DELETE /v1/users/{user_id}/mfa` (every second factor off), `/totp`,
 * `/backup_code`; `POST /v1/users/{user_id}/verify_totp` (a TOTP or backup code) and
 * `/verify_password`. The checks follow the sign-in's rules: single-use codes, and every
 * failure counts toward the user's lockout.
 */
import { DisableMfaResponse, ErrorResponse, VerifyPasswordResponse, VerifyTotpResponse } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { disableMfa, removeBackupCodes, removeTotp, verifyMfaCode } from '../../domain/mfa/manage-mfa.ts';
import { getUser } from '../../domain/users/manage-users.ts';
import type { User } from '../../domain/users/user.ts';
import { verifyUserPassword } from '../../domain/users/verify-password.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import type { TypedApp } from '../typed-app.ts';

const tags = ['Backend API: users'];
const params = Type.Object({ user_id: Type.String({ minLength: 1, maxLength: 64 }) });
const Removed = { 200: DisableMfaResponse, '4xx': ErrorResponse };

export function userMfaRoutes(app: TypedApp, deps: AppDeps): void {
  const removals = [
    [
      ROUTES.backend.users.mfa,
      "Disable a user's MFA: remove the TOTP and backup codes, release second-factor phone numbers",
      (u: User) => disableMfa(deps, u),
    ],
    [
      ROUTES.backend.users.totp,
      "Remove the user's authenticator app (and the backup codes, unless an SMS second factor remains)",
      (u: User) => removeTotp(deps, u),
    ],
    [ROUTES.backend.users.backupCode, "Void all of the user's backup codes", (u: User) => removeBackupCodes(deps, u)],
  ] as const;
  for (const [route, summary, remove] of removals)
    app.delete(route, { schema: { tags, summary, params, response: Removed } }, async (request) => {
      const user = await getUser(deps, request.bapi.instance.id, request.params.user_id);
      await remove(user);
      return { user_id: user.id };
    });

  app.post(
    ROUTES.backend.users.verifyTotp,
    {
      schema: {
        tags,
        summary: "Check a code from the user's authenticator app, or one of their backup codes (which it uses up)",
        description:
          'A TOTP code is accepted once (a replay is `form_code_incorrect`); a wrong code counts toward the ' +
          "user's lockout like a sign-in's. `totp_not_enabled` (400) when the user has neither factor.",
        params,
        body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 32 }) }),
        response: { 200: VerifyTotpResponse, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const instance = request.bapi.instance;
      const user = await getUser(deps, instance.id, request.params.user_id);
      const codeType = await verifyMfaCode(deps, instance, user, request.body.code);
      return { verified: true, code_type: codeType };
    },
  );

  app.post(
    ROUTES.backend.users.verifyPassword,
    {
      schema: {
        tags,
        summary: "Check the user's password",
        description: "A wrong password is `form_password_incorrect` and counts toward the user's lockout.",
        params,
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 1024 }) }),
        response: { 200: VerifyPasswordResponse, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const instance = request.bapi.instance;
      const user = await getUser(deps, instance.id, request.params.user_id);
      await verifyUserPassword(deps, instance, user, request.body.password);
      return { verified: true };
    },
  );
}
