/**
 * The Account Portal's confirmation page for a new-device email's "This wasn't me" link, at the
 * path each instance chooses (`account_portal.unauthorized_sign_in_path`). The path is per
 * instance and can change at any time, so no route is registered for it: a catch-all GET (the
 * last resort of the router, after every real route) serves it when the request's path is the
 * host's instance's setting, and answers 404 (`resource_not_found`) for anything else, as the
 * not-found handler would.
 *
 * The portal's build renders the page; without a build the server-rendered page stands in
 * (see http/unauthorized-sign-in/page.ts): the device is already signed out and the user must
 * learn so. With the portal off, the link answers in plain text and this path is a 404.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { UnauthorizedSignInStatus } from '@gatehouse/shared/wire';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import type { TypedApp } from '../typed-app.ts';
import { PAGE_CSP, pageHtml } from '../unauthorized-sign-in/page.ts';
import type { PortalAssets } from './assets.ts';
import { portalHtml } from './html-shell.ts';
import { unauthorizedSignInPageConfig } from './page-config.ts';

const STATUSES = new Set<string>(['revoked', 'used', 'expired', 'invalid'] satisfies UnauthorizedSignInStatus[]);
/** What the settings let the path be (segments of `[A-Za-z0-9_-]`): anything else is not this page. */
const PAGE_PATH = /^(?:\/[A-Za-z0-9_-]+)+$/;

const PageQuery = Type.Object(
  { status: Type.Optional(Type.String()) },
  // Unknown parameters (and an unknown status) are ignored: a changed link still shows a page.
  { additionalProperties: true },
);

export function unauthorizedSignInPage(
  app: TypedApp,
  deps: AppDeps,
  assets: () => PortalAssets | null,
  pageHeaders: (reply: FastifyReply) => void,
): void {
  app.get(ROUTES.portal.configuredPage, { schema: { hide: true, querystring: PageQuery } }, async (request, reply) => {
    // The router gives the rest of the path, decoded; `ignoreTrailingSlash` may leave one slash.
    const path = `/${(request.params as { '*': string })['*']}`.replace(/(?<=.)\/$/, '');
    if (!PAGE_PATH.test(path)) throw new GatehouseError('resource_not_found');
    const instance = await deps.registry.byHost(request.host).catch(() => null);
    const portal = instance?.settings.account_portal;
    if (!instance || !portal?.enabled || portal.unauthorized_sign_in_path !== path)
      throw new GatehouseError('resource_not_found');

    const raw = request.query.status ?? 'invalid';
    const status = (STATUSES.has(raw) ? raw : 'invalid') as UnauthorizedSignInStatus;
    const built = assets();
    if (!built)
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', PAGE_CSP)
        .header('x-frame-options', 'DENY')
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .send(pageHtml(instance, status));
    pageHeaders(reply);
    return portalHtml(unauthorizedSignInPageConfig(instance, status), built);
  });
}
