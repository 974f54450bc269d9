/**
 * The `OAuthGateway` port over the two protocol clients: each call resolves the instance's
 * provider (settings + deployment configuration) and dispatches on its protocol.
 */
import type { OAuthDeploymentConfig } from '../../config/env.ts';
import type { OAuthGateway } from '../../domain/external-accounts/oauth-gateway.ts';
import { oauth2AuthorizationUrl, oauth2Exchange, oauth2Refresh } from './oauth2-client.ts';
import { oidcAuthorizationUrl, oidcExchange, oidcRefresh } from './oidc-client.ts';
import { enabledProviders, resolveProvider } from './provider-config.ts';

export function createOAuthGateway(deployment: OAuthDeploymentConfig): OAuthGateway {
  return {
    enabledProviders: (instance) => enabledProviders(instance, deployment),
    assertAvailable(instance, strategy) {
      resolveProvider(instance, strategy, deployment);
    },
    async authorizationUrl(instance, strategy, req) {
      const p = resolveProvider(instance, strategy, deployment);
      const scopes = [...new Set([...p.scopes, ...(req.additionalScopes ?? [])])];
      const params = { ...p.authorizationParams, ...(p.accountSelector ? p.spec.accountSelector : {}) };
      return p.spec.kind === 'oidc'
        ? oidcAuthorizationUrl({ ...p, spec: p.spec }, req, scopes, params)
        : oauth2AuthorizationUrl({ ...p, spec: p.spec }, req, scopes, params);
    },
    async exchange(instance, strategy, callback) {
      const p = resolveProvider(instance, strategy, deployment);
      return p.spec.kind === 'oidc'
        ? oidcExchange({ ...p, spec: p.spec }, callback, p.scopes)
        : oauth2Exchange({ ...p, spec: p.spec }, callback, p.scopes);
    },
    async refresh(instance, strategy, refreshToken) {
      const p = resolveProvider(instance, strategy, deployment);
      return p.spec.kind === 'oidc'
        ? oidcRefresh({ ...p, spec: p.spec }, refreshToken)
        : oauth2Refresh({ ...p, spec: p.spec }, refreshToken);
    },
  };
}
