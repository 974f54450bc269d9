/** `/v1/me/external_accounts`: connect, reauthorize and disconnect providers (rules in domain/external-accounts/connect.ts). */
import { DeletedObject, ErrorResponse, ExternalAccountObject, Wrapped } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { disconnect, reauthorize, startConnect } from '../../domain/external-accounts/connect.ts';
import { requireReverification } from '../../domain/sessions/reverification.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { externalAccountView } from '../serializers/external-account.ts';
import type { TypedApp } from '../typed-app.ts';
import type { FrontendContext } from './context.ts';
import { currentSession } from './current-session.ts';
import { CommonQuery, ExternalAccountParams } from './params.ts';
import { wrap } from './wrap.ts';

const tags = ['Frontend API: me'];
const One = { 200: Wrapped(ExternalAccountObject), '4xx': ErrorResponse };

const RedirectUrl = Type.String({
  maxLength: 2048,
  description: 'Where the provider round trip returns the browser (absolute, on an allowed origin).',
});
const AdditionalScope = Type.String({
  maxLength: 2048,
  pattern: '^[\\x21-\\x7e ,]*$',
  description: 'Scopes to ask for besides the provider’s defaults, space- or comma-separated.',
});

const ConnectBody = Type.Object({
  strategy: Type.String({ minLength: 1, maxLength: 64, examples: ['oauth_github'] }),
  redirect_url: RedirectUrl,
  additional_scope: Type.Optional(AdditionalScope),
});
const ReauthorizeBody = Type.Object({
  redirect_url: RedirectUrl,
  additional_scope: Type.Optional(AdditionalScope),
});

export function meExternalAccountRoutes(app: TypedApp, deps: AppDeps): void {
  const me = (request: { fapi: FrontendContext; query: { _clerk_session_id?: string } }) =>
    currentSession(deps, request.fapi, request.query._clerk_session_id);

  app.post(
    ROUTES.frontend.me.externalAccounts.create,
    {
      schema: {
        tags,
        summary: 'Connect a provider: send the browser to `verification.external_verification_redirect_url`',
        querystring: CommonQuery,
        body: ConnectBody,
        response: One,
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const { user } = await me(request);
      const { account, verification } = await startConnect(deps, request.fapi, user, request.body);
      return wrap(deps, request.fapi, externalAccountView(account, verification));
    },
  );

  app.patch(
    ROUTES.frontend.me.externalAccounts.reauthorize,
    {
      schema: {
        tags,
        summary: 'Ask the provider again (more scopes, a revoked grant)',
        querystring: CommonQuery,
        params: ExternalAccountParams,
        body: ReauthorizeBody,
        response: One,
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const { user } = await me(request);
      const { account, verification } = await reauthorize(
        deps,
        request.fapi,
        user,
        request.params.external_account_id,
        request.body,
      );
      return wrap(deps, request.fapi, externalAccountView(account, verification));
    },
  );

  app.delete(
    ROUTES.frontend.me.externalAccounts.one,
    {
      schema: {
        tags,
        summary: 'Disconnect a provider (never the last way to sign in)',
        querystring: CommonQuery,
        params: ExternalAccountParams,
        response: { 200: Wrapped(DeletedObject), '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { user, session } = await me(request);
      requireReverification(session, deps.clock.now());
      const account = await disconnect(deps, request.fapi, user, request.params.external_account_id);
      return wrap(deps, request.fapi, { object: 'external_account', id: account.id, deleted: true as const });
    },
  );
}
