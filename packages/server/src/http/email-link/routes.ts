/**
 * `GET /v1/verify?token=...`: where a sign-in link (`email_link`) lands
 * (`domain/sign-in/verify-email-link.ts` decides). Verified: a 303 to the link's `redirect_url`
 * with `__clerk_status=verified` (and the rotated `__client` cookie when the sign-in completed
 * here). Anything else: a page that says what happened and completes nothing.
 */
import { Type } from 'typebox';
import { verifyEmailLink } from '../../domain/sign-in/verify-email-link.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import type { TypedApp } from '../typed-app.ts';
import { failureStatusCode, linkFailurePage, PAGE_CSP } from './page.ts';

const LinkQuery = Type.Object(
  { token: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: true },
);

export function emailLinkRoutes(app: TypedApp, deps: AppDeps): void {
  app.get(
    ROUTES.frontend.verifyEmailLink,
    {
      config: { rateLimit: 'attempts' },
      schema: {
        tags: ['Frontend API: sign-in'],
        summary: 'A sign-in link (`email_link`): verifies the first factor and returns to the app',
        description:
          'Single-use, valid 10 minutes. Verified: 303 to the `redirect_url` given at prepare with ' +
          '`__clerk_status=verified`; with same-device protection on, only in the client that asked for the link. ' +
          'Otherwise an HTML page with `data-clerk-status` `client_mismatch` (403), `expired` (410) or `failed` ' +
          '(410 used, 400 invalid); nothing is completed.',
        querystring: LinkQuery,
      },
    },
    async (request, reply) => {
      const ctx = request.fapi;
      const token = request.query.token ?? '';
      const outcome =
        token === '' ? ({ status: 'failed', reason: 'invalid' } as const) : await verifyEmailLink(deps, ctx, token);
      void reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
      if (outcome.status === 'verified') {
        request.log.info({ instance_id: ctx.instance.id, sign_in_id: outcome.signIn.id }, 'email link verified');
        const url = new URL(outcome.redirectUrl);
        url.searchParams.set('__clerk_status', 'verified');
        if (outcome.signIn.createdSessionId)
          url.searchParams.set('__clerk_created_session', outcome.signIn.createdSessionId);
        return reply.redirect(url.href, 303);
      }
      request.log.info({ instance_id: ctx.instance.id, outcome: outcome.status }, 'email link refused');
      return reply
        .code(failureStatusCode(outcome))
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', PAGE_CSP)
        .header('x-frame-options', 'DENY')
        .header('x-content-type-options', 'nosniff')
        .send(linkFailurePage(ctx.instance, outcome));
    },
  );
}
