/** Backend API `DELETE /v1/users/{user_id}/mfa`: turns off every second factor of a user (Clerk's `disableUserMFA`). */
import { DisableMfaResponse, ErrorResponse } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { disableMfa } from '../../domain/mfa/manage-mfa.ts';
import { getUser } from '../../domain/users/manage-users.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import type { TypedApp } from '../typed-app.ts';

export function userMfaRoutes(app: TypedApp, deps: AppDeps): void {
  app.delete(
    ROUTES.backend.users.mfa,
    {
      schema: {
        tags: ['Backend API: users'],
        summary: "Disable a user's MFA: remove the TOTP and backup codes, release second-factor phone numbers",
        params: Type.Object({ user_id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: DisableMfaResponse, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const user = await getUser(deps, request.bapi.instance.id, request.params.user_id);
      await disableMfa(deps, user);
      return { user_id: user.id };
    },
  );
}
