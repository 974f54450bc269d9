import { ErrorResponse, SignInObject, Wrapped } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { normalizeIdentifier } from '../../domain/sign-in/identifier.ts';
import { startSignIn } from '../../domain/sign-in/social.ts';
import {
  attemptFirstFactor,
  attemptSecondFactor,
  loadSignIn,
  prepareFirstFactor,
  prepareSecondFactor,
} from '../../domain/sign-in/transitions.ts';
import { finishEmailLinkSignIn } from '../../domain/sign-in/verify-email-link.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { signInView } from '../serializers/sign-in.ts';
import type { TypedApp } from '../typed-app.ts';
import type { FrontendContext } from './context.ts';
import { CommonQuery, SignInParams, SocialCreateFields } from './params.ts';
import { guardProbe, limitIdentifier } from './rate-limits.ts';
import { wrap } from './wrap.ts';

const CreateSignInBody = Type.Object({
  identifier: Type.Optional(Type.String({ maxLength: 320 })),
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  strategy: Type.Optional(Type.String({ maxLength: 64 })),
  ...SocialCreateFields,
});

const AttemptFirstFactorBody = Type.Object({
  strategy: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  code: Type.Optional(Type.String({ maxLength: 32 })),
  public_key_credential: Type.Optional(
    Type.String({ maxLength: 32_768, description: '`passkey`: the JSON of the browser’s PublicKeyCredential.' }),
  ),
});

const PrepareFirstFactorBody = Type.Object({
  strategy: Type.String({ minLength: 1, maxLength: 64 }),
  email_address_id: Type.Optional(Type.String({ maxLength: 64, description: 'Accepted for Clerk compatibility.' })),
  phone_number_id: Type.Optional(
    Type.String({
      maxLength: 64,
      description: '`phone_code`: which of the user’s numbers to text (default: the one signed in with).',
    }),
  ),
  redirect_url: Type.Optional(
    Type.String({
      maxLength: 2048,
      description: '`email_link`: where the link returns the browser (absolute, on an allowed origin).',
    }),
  ),
});

const SecondFactorBody = Type.Object({
  strategy: Type.String({ minLength: 1, maxLength: 64 }),
  code: Type.Optional(Type.String({ maxLength: 32 })),
  email_address_id: Type.Optional(Type.String({ maxLength: 64 })),
  phone_number_id: Type.Optional(Type.String({ maxLength: 64 })),
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
    async (request) => {
      const ctx = request.fapi;
      const { identifier } = request.body;
      if (identifier !== undefined) await limitIdentifier(deps, ctx, normalizeIdentifier(identifier));
      return view(ctx, await guardProbe(deps, ctx, identifier, () => startSignIn(deps, ctx, request.body)));
    },
  );

  app.get(
    ROUTES.frontend.signIns.get,
    { schema: { tags: ['Frontend API: sign-in'], querystring: CommonQuery, params: SignInParams, response: Response } },
    // The magic-link tab's poll also finishes a sign-in whose link was verified in another client.
    async (request) =>
      view(
        request.fapi,
        await finishEmailLinkSignIn(
          deps,
          request.fapi,
          await loadSignIn(deps, request.fapi, request.params.sign_in_id),
        ),
      ),
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
      await limitIdentifier(deps, request.fapi, signIn.identifier);
      const input = { ...request.body, publicKeyCredential: request.body.public_key_credential };
      return view(request.fapi, await attemptFirstFactor(deps, request.fapi, signIn, input));
    },
  );

  app.post(
    ROUTES.frontend.signIns.prepareFirstFactor,
    {
      schema: {
        tags: ['Frontend API: sign-in'],
        querystring: CommonQuery,
        params: SignInParams,
        body: PrepareFirstFactorBody,
        response: Response,
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const signIn = await loadSignIn(deps, request.fapi, request.params.sign_in_id);
      await limitIdentifier(deps, request.fapi, signIn.identifier);
      return view(request.fapi, await prepareFirstFactor(deps, request.fapi, signIn, request.body));
    },
  );

  const secondFactorRoute = (path: string, step: typeof prepareSecondFactor) =>
    app.post(
      path,
      {
        schema: {
          tags: ['Frontend API: sign-in'],
          querystring: CommonQuery,
          params: SignInParams,
          body: SecondFactorBody,
          response: Response,
        },
        config: { rateLimit: 'attempts' },
      },
      async (request) => {
        const signIn = await loadSignIn(deps, request.fapi, request.params.sign_in_id);
        await limitIdentifier(deps, request.fapi, signIn.identifier);
        return view(request.fapi, await step(deps, request.fapi, signIn, request.body));
      },
    );
  // The second step: Client Trust's email code (and, later, MFA factors).
  secondFactorRoute(ROUTES.frontend.signIns.prepareSecondFactor, prepareSecondFactor);
  secondFactorRoute(ROUTES.frontend.signIns.attemptSecondFactor, attemptSecondFactor);
}
