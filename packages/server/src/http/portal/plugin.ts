/**
 * The hosted Account Portal, on the Frontend API host: `/sign-in`, `/sign-up` and `/user` are
 * HTML shells around @gatehouse/react's components (built into packages/portal/dist), and
 * `/portal/assets/*` serves the built files with immutable caching.
 *
 * The confirmation page of a new-device email's "This wasn't me" link is served at the path the
 * instance chose (see unauthorized-sign-in-page.ts).
 *
 * Pages answer 404 (`resource_not_found`) when the instance turned the portal off, and 503
 * (`account_portal_unavailable`) when the server has no portal build.
 */

import { GatehouseError } from '@gatehouse/shared';
import { ErrorResponse, type PortalPage } from '@gatehouse/shared/wire';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import type { TypedApp } from '../typed-app.ts';
import { ASSETS_PREFIX, DEFAULT_PORTAL_DIR, portalAssetsFrom } from './assets.ts';
import { portalHtml } from './html-shell.ts';
import { portalPageConfig } from './page-config.ts';
import { unauthorizedSignInPage } from './unauthorized-sign-in-page.ts';

export interface PortalOptions {
  /** The portal build (default packages/portal/dist). */
  assetsDir?: string;
}

/**
 * Scripts only from this origin (no inline script, no eval). Styles allow inline: @gatehouse/react
 * injects its default stylesheet at run time and themes through style attributes; the values in
 * them are the settings' validated colours and lengths, never request input.
 */
export const PORTAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data: https:",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The pages at fixed paths (the confirmation page's path is the instance's). */
type FixedPage = Exclude<PortalPage, 'unauthorized-sign-in'>;

const PAGES: [string, FixedPage][] = [
  [ROUTES.portal.signIn, 'sign-in'],
  [ROUTES.portal.signUp, 'sign-up'],
  [ROUTES.portal.userProfile, 'user'],
];

const SUMMARIES: Record<FixedPage, string> = {
  'sign-in': 'Hosted sign-in page',
  'sign-up': 'Hosted sign-up page',
  user: 'Hosted account page (signed-out visitors go to sign-in)',
};

const PageQuery = Type.Object(
  { redirect_url: Type.Optional(Type.String({ maxLength: 8192 })) },
  // Links from apps may carry their own parameters (utm_*, ...): a page ignores them.
  { additionalProperties: true },
);

function pageHeaders(reply: FastifyReply): void {
  void reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', PORTAL_CSP)
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cross-origin-opener-policy', 'same-origin');
}

export async function accountPortal(app: TypedApp, opts: { deps: AppDeps; portal?: PortalOptions }): Promise<void> {
  const { deps } = opts;
  const assets = portalAssetsFrom(opts.portal?.assetsDir ?? DEFAULT_PORTAL_DIR);

  for (const [path, page] of PAGES)
    app.get(
      path,
      {
        schema: {
          tags: ['Account Portal'],
          summary: SUMMARIES[page],
          description:
            'An HTML page of the hosted Account Portal. `redirect_url` (an allowed origin or a portal path) is ' +
            'where the user goes once signed in; any other value is ignored.',
          querystring: PageQuery,
          response: {
            200: { description: 'The page', content: { 'text/html': { schema: Type.String() } } },
            '4xx': ErrorResponse,
            '5xx': ErrorResponse,
          },
        },
      },
      async (request, reply) => {
        const instance = await deps.registry.byHost(request.host);
        if (!instance.settings.account_portal.enabled) throw new GatehouseError('resource_not_found');
        const built = assets();
        if (!built)
          throw new GatehouseError('account_portal_unavailable', {
            longMessage: 'This server has no Account Portal build. Run `npm run build -w @gatehouse/portal`.',
          });
        pageHeaders(reply);
        return portalHtml(portalPageConfig(instance, page, request.query.redirect_url), built);
      },
    );

  unauthorizedSignInPage(app, deps, assets, pageHeaders);

  app.get(ROUTES.portal.assets, { schema: { hide: true } }, async (request, reply) => {
    const file = assets()?.files.get(`${ASSETS_PREFIX}assets/${(request.params as { '*': string })['*']}`);
    if (!file) throw new GatehouseError('resource_not_found');
    return reply
      .header('content-type', file.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(file.body);
  });
}
