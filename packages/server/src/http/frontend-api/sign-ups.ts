import { ErrorResponse, Metadata, SignUpObject, Wrapped } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
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
import { CommonQuery, SignUpParams } from './params.ts';
import { wrap } from './wrap.ts';

const SignUpFields = Type.Object({
  email_address: Type.Optional(Type.String({ maxLength: 320 })),
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  username: Type.Optional(Type.String({ maxLength: 128 })),
  first_name: Type.Optional(Type.String({ maxLength: 256 })),
  last_name: Type.Optional(Type.String({ maxLength: 256 })),
  unsafe_metadata: Type.Optional(Metadata),
});

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

  app.post(
    ROUTES.frontend.signUps.create,
    {
      schema: { tags, querystring: CommonQuery, body: SignUpFields, response: Response },
      config: { rateLimit: 'attempts' },
    },
    async (request) => view(request.fapi, await createSignUp(deps, request.fapi, request.body)),
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
      const signUp = await loadSignUp(deps, request.fapi, request.params.sign_up_id);
      return view(request.fapi, await updateSignUp(deps, request.fapi, signUp, request.body));
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
