/**
 * `GET`/`POST /v1/oauth_callback`: where providers send the browser back (POST for providers
 * that answer with `response_mode=form_post`). `domain/external-accounts/oauth-callback.ts`
 * decides; the answer is a 303 back to the app (with the rotated `__client` cookie when a
 * session started), or, for a callback that belongs to no round trip of this browser, an
 * `oauth_callback_invalid` error.
 */
import { ErrorResponse } from '@gatehouse/shared/wire';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { handleOAuthCallback } from '../../domain/external-accounts/oauth-callback.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import type { TypedApp } from '../typed-app.ts';

const Param = Type.String({ maxLength: 8192 });
const CallbackParams = Type.Object(
  {
    state: Type.Optional(Param),
    code: Type.Optional(Param),
    error: Type.Optional(Type.String({ maxLength: 256 })),
    error_description: Type.Optional(Param),
    iss: Type.Optional(Param),
  },
  { additionalProperties: Param },
);

const summary = 'The provider’s answer to a social sign-in, sign-up or connect';
const description =
  'Single-use `state`, bound to the client (cookie) that started the round trip. 303 to the `redirect_url` ' +
  '(or `action_complete_redirect_url` when the flow completed); the sign-in, sign-up or external account ' +
  'then tells the outcome, failures included (`oauth_access_denied`, `oauth_provider_error`, ...).';

export function oauthCallbackRoutes(app: TypedApp, deps: AppDeps): void {
  const handle = async (params: Record<string, unknown>, request: FastifyRequest) => {
    const { redirectTo, failure } = await handleOAuthCallback(
      deps,
      request.fapi,
      Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string')),
    );
    // The code, its public reason and the library's message: never the callback's code or tokens.
    if (failure)
      request.log.info(
        {
          instance_id: request.fapi.instance.id,
          code: failure.code,
          meta: failure.meta,
          cause: deepestMessage(failure.cause)?.slice(0, 200),
        },
        'oauth round trip failed',
      );
    return redirectTo;
  };

  app.get(
    ROUTES.frontend.oauthCallback,
    {
      schema: {
        tags: ['Frontend API: sign-in'],
        summary,
        description,
        querystring: CallbackParams,
        response: { '4xx': ErrorResponse },
      },
      config: { rateLimit: 'attempts' },
    },
    async (request, reply) => {
      const to = await handle(request.query, request);
      return reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store').redirect(to, 303);
    },
  );

  app.post(
    ROUTES.frontend.oauthCallback,
    {
      schema: {
        tags: ['Frontend API: sign-in'],
        summary,
        description,
        body: CallbackParams,
        response: { '4xx': ErrorResponse },
      },
      config: { rateLimit: 'attempts' },
    },
    async (request, reply) => {
      const to = await handle(request.body, request);
      return reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store').redirect(to, 303);
    },
  );
}

/** The message of the innermost error (the check that failed, e.g. "JWT signature verification failed"). */
function deepestMessage(e: unknown, depth = 0): string | undefined {
  if (!(e instanceof Error) || depth > 5) return undefined;
  return deepestMessage(e.cause, depth + 1) ?? e.message;
}
