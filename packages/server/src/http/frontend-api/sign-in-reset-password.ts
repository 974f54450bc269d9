/** `POST /v1/client/sign_ins/{id}/reset_password`: a new password for a sign-in at `needs_new_password`. */
import { ErrorResponse, SignInObject, Wrapped } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { resetSignInPassword } from '../../domain/sign-in/reset-password.ts';
import { loadSignIn } from '../../domain/sign-in/transitions.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { signInView } from '../serializers/sign-in.ts';
import type { TypedApp } from '../typed-app.ts';
import { CommonQuery, SignInParams } from './params.ts';
import { wrap } from './wrap.ts';

const ResetPasswordBody = Type.Object({
  password: Type.String({ minLength: 1, maxLength: 1024 }),
  sign_out_of_other_sessions: Type.Optional(Type.Boolean()),
});

export function signInResetPasswordRoutes(app: TypedApp, deps: AppDeps): void {
  app.post(
    ROUTES.frontend.signIns.resetPassword,
    {
      schema: {
        tags: ['Frontend API: sign-in'],
        summary: 'Replace a breached password during sign-in (status `needs_new_password`)',
        querystring: CommonQuery,
        params: SignInParams,
        body: ResetPasswordBody,
        response: { 200: Wrapped(SignInObject), '4xx': ErrorResponse },
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const ctx = request.fapi;
      const signIn = await resetSignInPassword(
        deps,
        ctx,
        await loadSignIn(deps, ctx, request.params.sign_in_id),
        request.body,
      );
      const user = signIn.userId ? await deps.store.users.findById(ctx.instance.id, signIn.userId) : null;
      return wrap(deps, ctx, signInView(signIn, user, ctx.instance.settings, deps.clock.now()));
    },
  );
}
