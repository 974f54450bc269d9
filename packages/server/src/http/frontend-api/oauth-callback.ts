/**
 * `GET`/`POST /v1/oauth_callback`: where providers send the browser back (POST for providers
 * that answer with `response_mode=form_post`). `domain/external-accounts/oauth-callback.ts`
 * decides; the answer is a 303 back to the app (with the rotated `__client` cookie when a
 * session started), or, for a callback that belongs to no round trip of this browser, an
 * `oauth_callback_invalid` error.
 *
 * The POST decides nothing. A form_post (Sign in with Apple) is a cross-site POST, on which
 * the browser does not send the `SameSite=Lax` `__client` cookie the round trip's `state` is
 * bound to; so the POST consumes nothing and answers a 303 to the GET with the same
 * parameters (those the callback reads), a top-level GET navigation that does carry the
 * cookie. Any origin may send it, as it changes nothing. Logs show query parameter names only,
 * never the code.
 */
import { ErrorResponse } from '@gatehouse/shared/wire';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { handleOAuthCallback } from '../../domain/external-accounts/oauth-callback.ts';
import { oauthCallbackUrl } from '../../domain/external-accounts/oauth-flow.ts';
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
    /** Sign in with Apple's first authorization: `{"name":{"firstName","lastName"},"email"}`. */
    user: Type.Optional(Type.String({ maxLength: 2048 })),
  },
  { additionalProperties: Param },
);

/** What a form_post hands on to the GET: the parameters the callback reads. */
const FORWARDED = ['state', 'code', 'error', 'iss', 'user'] as const;

const summary = 'The provider’s answer to a social sign-in, sign-up or connect';
const postSummary = 'The provider’s answer as a form_post (Sign in with Apple)';
const postDescription =
  'Consumes nothing: a 303 to the `GET` with the same `state`, `code`, `error`, `iss` and `user`, so the ' +
  'browser’s next, same-site request carries its `__client` cookie (a cross-site form POST does not).';
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
        summary: postSummary,
        description: postDescription,
        body: CallbackParams,
        response: { '4xx': ErrorResponse },
      },
      config: { anyOrigin: true },
    },
    async (request, reply) => {
      const to = new URL(oauthCallbackUrl(request.fapi.instance));
      for (const name of FORWARDED) {
        const value = request.body[name];
        if (typeof value === 'string') to.searchParams.set(name, value);
      }
      return reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store').redirect(to.href, 303);
    },
  );
}

/** The message of the innermost error (the check that failed, e.g. "JWT signature verification failed"). */
function deepestMessage(e: unknown, depth = 0): string | undefined {
  if (!(e instanceof Error) || depth > 5) return undefined;
  return deepestMessage(e.cause, depth + 1) ?? e.message;
}
