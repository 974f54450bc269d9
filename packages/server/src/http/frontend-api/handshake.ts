/**
 * `GET /v1/client/handshake?redirect_url=...`: the Frontend API's half of the handshake (see
 * @gatehouse/backend `tokens/handshake.ts`). A page whose session cookie is stale is sent here
 * as a top-level navigation, so the browser brings its `__client` cookie; we answer with a
 * redirect back carrying `__clerk_handshake`, a JWT signed by the instance that lists the
 * cookies to set on the application's domain: a fresh `__session` token and `__client_uat`,
 * or their signed-out values.
 * The redirect URL must be an origin the instance allows (no open redirect).
 */
import { GatehouseError } from '@gatehouse/shared';
import { Type } from 'typebox';
import { isAllowedOrigin } from '../../domain/policies/allowed-origin.ts';
import { mintSessionToken } from '../../domain/sessions/mint-session-token.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import type { TypedApp } from '../typed-app.ts';
import type { FrontendContext } from './context.ts';

export const HANDSHAKE_PATH = ROUTES.frontend.handshake;
const HANDSHAKE_TTL_SECONDS = 60;
const YEAR = 365 * 24 * 3600;

function parseRedirect(ctx: FrontendContext, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new GatehouseError('redirect_url_invalid', { meta: { param_name: 'redirect_url' } });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !isAllowedOrigin(ctx.instance, url.origin))
    throw new GatehouseError('redirect_url_invalid', { meta: { param_name: 'redirect_url' } });
  return url;
}

async function sessionCookies(deps: AppDeps, ctx: FrontendContext, redirect: URL): Promise<string[]> {
  const attrs = `Path=/; SameSite=Lax${redirect.protocol === 'https:' ? '; Secure' : ''}`;
  const signedOut = [`__session=; ${attrs}; Max-Age=0`, `__client_uat=0; ${attrs}; Max-Age=${YEAR}`];
  const client = ctx.client.current;
  if (!client?.lastActiveSessionId) return signedOut;
  const session = await deps.store.sessions.findById(ctx.instance.id, client.lastActiveSessionId);
  if (!session || session.clientId !== client.id) return signedOut;
  let jwt: string;
  try {
    jwt = await mintSessionToken(deps, ctx.instance, session, redirect.origin);
  } catch (e) {
    if (e instanceof GatehouseError && e.status === 401) return signedOut;
    throw e;
  }
  const uat = Math.floor(client.updatedAt / 1000);
  return [`__session=${jwt}; ${attrs}`, `__client_uat=${uat}; ${attrs}; Max-Age=${YEAR}`];
}

export function handshakeRoutes(app: TypedApp, deps: AppDeps): void {
  app.get(
    HANDSHAKE_PATH,
    {
      schema: {
        tags: ['Frontend API: client'],
        summary: 'Refresh the session cookie of a server-rendered page (redirects back)',
        querystring: Type.Object({ redirect_url: Type.String({ minLength: 1, maxLength: 4096 }) }),
      },
    },
    async (request, reply) => {
      const ctx = request.fapi;
      const redirect = parseRedirect(ctx, request.query.redirect_url);
      const now = Math.floor(deps.clock.now() / 1000);
      const handshake = await deps.signer.sign(ctx.instance, {
        iss: ctx.instance.frontendApiUrl,
        iat: now,
        nbf: now - 5,
        exp: now + HANDSHAKE_TTL_SECONDS,
        handshake: await sessionCookies(deps, ctx, redirect),
      });
      redirect.searchParams.set('__clerk_handshake', handshake);
      return reply.header('cache-control', 'no-store').redirect(redirect.toString(), 307);
    },
  );
}
