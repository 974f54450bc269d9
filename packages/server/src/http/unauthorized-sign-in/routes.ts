/**
 * `GET /v1/unauthorized_sign_in?token=...`: the "This wasn't me: sign out that device" link of
 * a new-device email. It revokes that one session at once (see
 * `domain/sessions/report-unauthorized-sign-in.ts`), logs the event, and lands on the
 * confirmation page: the instance's `account_portal.unauthorized_sign_in_path` when the
 * Account Portal is on (a 303 with `?status=`), else a plain-text answer.
 *
 * `GET /unauthorized-sign-in?status=...` is that page at its default path.
 */
import { Type } from 'typebox';
import { reportUnauthorizedSignIn } from '../../domain/sessions/report-unauthorized-sign-in.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import type { TypedApp } from '../typed-app.ts';
import { PAGE_CSP, type PageStatus, pageHtml, plainText } from './page.ts';

const LinkQuery = Type.Object(
  { token: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: true },
);
const PageQuery = Type.Object(
  { status: Type.Optional(Type.String({ maxLength: 20 })) },
  { additionalProperties: true },
);

const STATUS_CODES: Record<PageStatus, number> = { revoked: 200, used: 410, expired: 410, invalid: 400 };
const PAGE_STATUSES = new Set<string>(['revoked', 'used', 'expired', 'invalid']);

export function unauthorizedSignInRoutes(app: TypedApp, deps: AppDeps): void {
  app.get(
    ROUTES.frontend.unauthorizedSignIn,
    {
      config: { rateLimit: 'attempts' },
      schema: {
        tags: ['Frontend API: sessions'],
        summary: 'The new-device email\'s "This wasn\'t me" link: signs that one session out',
        description:
          'Single-use, valid 7 days. Redirects (303) to the `account_portal.unauthorized_sign_in_path` page with ' +
          '`?status=revoked|used|expired|invalid` when the Account Portal is on; else answers in plain text ' +
          '(200 revoked, 410 used or expired, 400 invalid).',
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

  app.get(
    ROUTES.frontend.unauthorizedSignInPage,
    {
      schema: {
        tags: ['Frontend API: sessions'],
        summary: 'The confirmation page the "This wasn\'t me" link lands on (HTML)',
        querystring: PageQuery,
      },
    },
    async (request, reply) => {
      const { instance } = request.fapi;
      const raw = request.query.status ?? 'invalid';
      const status = (PAGE_STATUSES.has(raw) ? raw : 'invalid') as PageStatus;
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', PAGE_CSP)
        .header('x-frame-options', 'DENY')
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .send(pageHtml(instance, status));
    },
  );
}
