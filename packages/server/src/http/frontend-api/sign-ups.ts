import { ErrorResponse, Metadata, SignUpObject, Wrapped } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { normalizeEmail } from '../../domain/policies/email-address.ts';
import type { SignUp } from '../../domain/sign-up/sign-up.ts';
import {
  attemptSignUpVerification,
  createSignUp,
  loadSignUp,
  prepareSignUpVerification,
  updateSignUp,
} from '../../domain/sign-up/transitions.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { signUpView } from '../serializers/sign-up.ts';
import type { TypedApp } from '../typed-app.ts';
import type { FrontendContext } from './context.ts';
import { CommonQuery, SignUpParams, SocialCreateFields } from './params.ts';
import { guardProbe, limitIdentifier } from './rate-limits.ts';
import { wrap } from './wrap.ts';

const SignUpFields = Type.Object({
  email_address: Type.Optional(Type.String({ maxLength: 320 })),
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  username: Type.Optional(Type.String({ maxLength: 128 })),
  first_name: Type.Optional(Type.String({ maxLength: 256 })),
  last_name: Type.Optional(Type.String({ maxLength: 256 })),
  unsafe_metadata: Type.Optional(Metadata),
});

const CreateSignUpBody = Type.Object({
  ...SignUpFields.properties,
  captcha_token: Type.Optional(
    Type.String({
      maxLength: 8192,
      description:
        'The solved bot-protection challenge (ALTCHA payload or Turnstile token), when the instance asks for one.',
    }),
  ),
  captcha_widget_type: Type.Optional(Type.String({ maxLength: 32, description: 'Accepted for Clerk compatibility.' })),
  captcha_error: Type.Optional(Type.String({ maxLength: 256, description: 'Accepted for Clerk compatibility.' })),
  strategy: Type.Optional(Type.String({ maxLength: 64, description: '`oauth_<provider>`: sign up with a provider.' })),
  ...SocialCreateFields,
});

const ChallengeResponse = Type.Object(
  {
    object: Type.Literal('captcha_challenge'),
    provider: Type.Union([Type.Literal('altcha'), Type.Literal('turnstile'), Type.Null()]),
    challenge: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
      description: 'An ALTCHA challenge (`parameters`, `signature`); null when none is needed from this server.',
    }),
  },
  { title: 'CaptchaChallenge' },
);

const PrepareBody = Type.Object({ strategy: Type.String({ minLength: 1, maxLength: 64 }) });
const AttemptBody = Type.Object({
  strategy: Type.String({ minLength: 1, maxLength: 64 }),
  code: Type.String({ minLength: 1, maxLength: 32 }),
});

const Response = { 200: Wrapped(SignUpObject), '4xx': ErrorResponse };
const tags = ['Frontend API: sign-up'];

export function signUpRoutes(app: TypedApp, deps: AppDeps): void {
  const view = (ctx: FrontendContext, s: SignUp) =>
    wrap(deps, ctx, signUpView(s, ctx.instance.settings, deps.clock.now()));
  const limitSignUpEmail = (ctx: FrontendContext, email: string | undefined) =>
    email === undefined ? undefined : limitIdentifier(deps, ctx, normalizeEmail(email));

  app.post(
    ROUTES.frontend.signUps.create,
    {
      schema: { tags, querystring: CommonQuery, body: CreateSignUpBody, response: Response },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const ctx = request.fapi;
      await limitSignUpEmail(ctx, request.body.email_address);
      return view(
        ctx,
        await guardProbe(deps, ctx, request.body.email_address, () => createSignUp(deps, ctx, request.body)),
      );
    },
  );

  app.get(
    ROUTES.frontend.signUps.challenge,
    {
      schema: {
        tags,
        summary: 'A bot-protection challenge to solve before creating a sign-up',
        querystring: CommonQuery,
        response: { 200: ChallengeResponse, '4xx': ErrorResponse },
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const { settings } = request.fapi.instance;
      const bot = settings.attack_protection.bot_protection;
      return {
        object: 'captcha_challenge' as const,
        provider: bot.mode === 'off' ? null : bot.provider,
        challenge: await deps.botChallenge.issue(request.fapi.instance),
      };
    },
  );

  app.get(
    ROUTES.frontend.signUps.get,
    { schema: { tags, querystring: CommonQuery, params: SignUpParams, response: Response } },
    async (request) => view(request.fapi, await loadSignUp(deps, request.fapi, request.params.sign_up_id)),
  );

  app.patch(
    ROUTES.frontend.signUps.update,
    {
      schema: { tags, querystring: CommonQuery, params: SignUpParams, body: SignUpFields, response: Response },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const ctx = request.fapi;
      const signUp = await loadSignUp(deps, ctx, request.params.sign_up_id);
      await limitSignUpEmail(ctx, request.body.email_address);
      return view(
        ctx,
        await guardProbe(deps, ctx, request.body.email_address, () => updateSignUp(deps, ctx, signUp, request.body)),
      );
    },
  );

  app.post(
    ROUTES.frontend.signUps.prepareVerification,
    {
      schema: { tags, querystring: CommonQuery, params: SignUpParams, body: PrepareBody, response: Response },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const signUp = await loadSignUp(deps, request.fapi, request.params.sign_up_id);
      return view(request.fapi, await prepareSignUpVerification(deps, request.fapi, signUp, request.body));
    },
  );

  app.post(
    ROUTES.frontend.signUps.attemptVerification,
    {
      schema: { tags, querystring: CommonQuery, params: SignUpParams, body: AttemptBody, response: Response },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const signUp = await loadSignUp(deps, request.fapi, request.params.sign_up_id);
      return view(request.fapi, await attemptSignUpVerification(deps, request.fapi, signUp, request.body));
    },
  );
}
