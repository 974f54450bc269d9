/**
 * Starting a provider round trip for a sign-in, a sign-up or a connect from the profile:
 * checks where the browser may come back to (an allowed origin, never an open redirect),
 * keeps the server's half (PKCE verifier, nonce, the flow, the client) under the hash of a
 * fresh 256-bit `state`, and answers the unverified verification that carries the provider's
 * authorization URL.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Deps } from '../deps.ts';
import type { FlowContext } from '../flow-context.ts';
import type { Instance } from '../instances/instance.ts';
import { allowedRedirectUrl } from '../policies/redirect-url.ts';
import { hashToken } from '../secrets.ts';
import type { Verification } from '../verification/verification.ts';
import { OAUTH_STATE_LIFETIME_MS, type OAuthFlowKind } from './oauth-state.ts';

export type OAuthFlowDeps = Pick<Deps, 'clock' | 'random' | 'store' | 'oauth'>;

/** The Frontend API path providers call back to; the redirect URI registered with them. */
export const OAUTH_CALLBACK_PATH = '/v1/oauth_callback';

export const oauthCallbackUrl = (instance: Instance): string => `${instance.frontendApiUrl}${OAUTH_CALLBACK_PATH}`;

/** An absolute URL on an allowed origin, or a path on the Frontend API host (the portal); else `redirect_url_invalid`. */
export function oauthReturnUrl(instance: Instance, raw: string | undefined, param: string): string {
  const url = allowedRedirectUrl(instance, raw);
  if (url === null)
    throw new GatehouseError(raw === undefined ? 'form_param_missing' : 'redirect_url_invalid', {
      longMessage: `${param} must be an absolute URL on an allowed origin.`,
      meta: { param_name: param },
    });
  return url.startsWith('/') ? `${instance.frontendApiUrl}${url}` : url;
}

export interface StartOAuthInput {
  flow: OAuthFlowKind;
  flowId: string;
  clientId: string;
  strategy: string;
  redirectUrl: string | undefined;
  actionCompleteRedirectUrl?: string;
  additionalScopes?: string[];
}

export async function startOAuth(deps: OAuthFlowDeps, ctx: FlowContext, input: StartOAuthInput): Promise<Verification> {
  const { instance } = ctx;
  deps.oauth.assertAvailable(instance, input.strategy);
  const redirectUrl = oauthReturnUrl(instance, input.redirectUrl, 'redirect_url');
  const actionCompleteRedirectUrl =
    input.actionCompleteRedirectUrl === undefined
      ? null
      : oauthReturnUrl(instance, input.actionCompleteRedirectUrl, 'action_complete_redirect_url');
  const state = deps.random.token();
  const codeVerifier = deps.random.token();
  const nonce = deps.random.token();
  const url = await deps.oauth.authorizationUrl(instance, input.strategy, {
    redirectUri: oauthCallbackUrl(instance),
    state,
    codeVerifier,
    nonce,
    additionalScopes: input.additionalScopes,
  });
  const now = deps.clock.now();
  const expiresAt = now + OAUTH_STATE_LIFETIME_MS;
  await deps.store.oauthStates.create({
    stateHash: hashToken(state),
    instanceId: instance.id,
    clientId: input.clientId,
    flow: input.flow,
    flowId: input.flowId,
    strategy: input.strategy,
    codeVerifier,
    nonce,
    redirectUrl,
    actionCompleteRedirectUrl,
    expiresAt,
    createdAt: now,
  });
  return {
    strategy: input.strategy,
    status: 'unverified',
    attempts: null,
    expireAt: expiresAt,
    verifiedAt: null,
    externalVerificationRedirectUrl: url,
    errorCode: null,
  };
}

/** A round trip that ended without a provider account: the verification says why. */
export const failedVerification = (
  v: Verification | null | undefined,
  strategy: string,
  code: Verification['errorCode'],
): Verification => ({
  strategy: v?.strategy ?? strategy,
  status: 'failed',
  attempts: null,
  expireAt: v?.expireAt ?? null,
  verifiedAt: null,
  externalVerificationRedirectUrl: null,
  errorCode: code,
});
