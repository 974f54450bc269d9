/**
 * `GET /v1/unauthorized_sign_in?token=...`: the "This wasn't me: sign out that device" link of
 * a new-device email. It revokes that one session at once (see
 * `domain/sessions/report-unauthorized-sign-in.ts`), logs the event, and lands on the
 * confirmation page: the Account Portal's page at the instance's
 * `account_portal.unauthorized_sign_in_path` when the portal is on (a 303 with `?status=`,
 * served by http/portal/unauthorized-sign-in-page.ts), else a plain-text answer.
 *
 * `HEAD` on the link does nothing: mail scanners and link previews probe with it, and Fastify
 * would otherwise run the GET handler (and revoke) for it.
 */
import { Type } from 'typebox';
import { reportUnauthorizedSignIn } from '../../domain/sessions/report-unauthorized-sign-in.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import type { TypedApp } from '../typed-app.ts';
import { type PageStatus, plainText } from './page.ts';

const LinkQuery = Type.Object(
  { token: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: true },
);

const STATUS_CODES: Record<PageStatus, number> = { revoked: 200, used: 410, expired: 410, invalid: 400 };

export function unauthorizedSignInRoutes(app: TypedApp, deps: AppDeps): void {
  app.get(
    ROUTES.frontend.unauthorizedSignIn,
    {
      config: { rateLimit: 'attempts' },
      // The HEAD route below answers instead: a HEAD must never revoke.
      exposeHeadRoute: false,
      schema: {
        tags: ['Frontend API: sessions'],
        summary: 'The new-device email\'s "This wasn\'t me" link: signs that one session out',
        description:
          'Single-use, valid 7 days. Redirects (303) to the Account Portal page at `account_portal.unauthorized_sign_in_path` with ' +
          '`?status=revoked|used|expired|invalid` when the Account Portal is on; else answers in plain text ' +
          '(200 revoked, 410 used or expired, 400 invalid). A `HEAD` request (a mail scanner) changes nothing.',
        querystring: LinkQuery,
      },
    },
    async (request, reply) => {
      const { instance } = request.fapi;
      const token = request.query.token ?? '';
      const result =
        token === '' ? { outcome: 'invalid' as const } : await reportUnauthorizedSignIn(deps, instance, token);
      if (result.outcome === 'revoked')
        request.log.info(
          { instance_id: instance.id, user_id: result.userId, session_id: result.sessionId },
          'unauthorized sign-in reported: session revoked',
        );
      else request.log.info({ instance_id: instance.id, outcome: result.outcome }, 'unauthorized sign-in link refused');
      void reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
      const portal = instance.settings.account_portal;
      if (portal.enabled)
        return reply.redirect(
          `${instance.frontendApiUrl}${portal.unauthorized_sign_in_path}?status=${result.outcome}`,
          303,
        );
      return reply
        .code(STATUS_CODES[result.outcome])
        .header('content-type', 'text/plain; charset=utf-8')
        .send(plainText(instance, result.outcome));
    },
  );

  app.head(
    ROUTES.frontend.unauthorizedSignIn,
    { schema: { hide: true, querystring: LinkQuery } },
    async (_request, reply) =>
      reply
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'no-store')
        .header('content-type', 'text/plain; charset=utf-8')
        .send(),
  );
}
