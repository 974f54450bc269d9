/** What every framework adapter shares: options, the authenticator, the signed-out answer. */
import { createGatehouseClient, type GatehouseClientOptions } from '../api/client.ts';
import type { AuthenticateRequestOptions, RequestState } from '../tokens/authenticate-request.ts';
import type { NodeRequestLike } from '../tokens/request-data.ts';

export interface MiddlewareOptions extends GatehouseClientOptions, Partial<AuthenticateRequestOptions> {}

export interface RequireAuthOptions {
  /** Where a signed-out page load is sent (with `redirect_url`); API calls always get 401. */
  signInUrl?: string;
}

export function authenticator(options: MiddlewareOptions): (req: Request | NodeRequestLike) => Promise<RequestState> {
  const client = createGatehouseClient(options);
  return (req) => client.authenticateRequest(req, options);
}

export const SIGNED_OUT_BODY = JSON.stringify({
  errors: [
    {
      code: 'signed_out',
      message: "You're signed out.",
      long_message: 'Sign in to use this resource.',
      meta: {},
    },
  ],
});

/** Where `requireAuth` sends a signed-out page load, or null to answer 401. */
export function signInRedirect(opts: RequireAuthOptions, isDocument: boolean, url: string): string | null {
  if (!opts.signInUrl || !isDocument) return null;
  const target = new URL(opts.signInUrl, url);
  target.searchParams.set('redirect_url', url);
  return target.toString();
}
