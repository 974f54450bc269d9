import { ErrorResponse, SignInObject, Wrapped } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { attemptFirstFactor, createSignIn, loadSignIn } from '../../domain/sign-in/transitions.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { signInView } from '../serializers/sign-in.ts';
import type { TypedApp } from '../typed-app.ts';
import type { FrontendContext } from './context.ts';
import { CommonQuery, SignInParams } from './params.ts';
import { wrap } from './wrap.ts';

const CreateSignInBody = Type.Object({
  identifier: Type.Optional(Type.String({ maxLength: 320 })),
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  strategy: Type.Optional(Type.String({ maxLength: 64 })),
});

const AttemptFirstFactorBody = Type.Object({
  strategy: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  code: Type.Optional(Type.String({ maxLength: 32 })),
});

const Response = { 200: Wrapped(SignInObject), '4xx': ErrorResponse };

export function signInRoutes(app: TypedApp, deps: AppDeps): void {
  const view = async (ctx: FrontendContext, signIn: Parameters<typeof signInView>[0]) => {
    const user = signIn.userId ? await deps.store.users.findById(ctx.instance.id, signIn.userId) : null;
    return wrap(deps, ctx, signInView(signIn, user, ctx.instance.settings, deps.clock.now()));
  };

  app.post(
    ROUTES.frontend.signIns.create,
    {
      schema: { tags: ['Frontend API: sign-in'], querystring: CommonQuery, body: CreateSignInBody, response: Response },
      config: { rateLimit: 'attempts' },
    },
    async (request) => view(request.fapi, await createSignIn(deps, request.fapi, request.body)),
  );

  app.get(
    ROUTES.frontend.signIns.get,
    { schema: { tags: ['Frontend API: sign-in'], querystring: CommonQuery, params: SignInParams, response: Response } },
    async (request) => view(request.fapi, await loadSignIn(deps, request.fapi, request.params.sign_in_id)),
  );

  app.post(
    ROUTES.frontend.signIns.attemptFirstFactor,
    {
      schema: {
        tags: ['Frontend API: sign-in'],
        querystring: CommonQuery,
        params: SignInParams,
        body: AttemptFirstFactorBody,
        response: Response,
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const signIn = await loadSignIn(deps, request.fapi, request.params.sign_in_id);
      return view(request.fapi, await attemptFirstFactor(deps, request.fapi, signIn, request.body));
    },
  );
}
