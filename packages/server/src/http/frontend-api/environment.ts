import { EnvironmentObject, ErrorResponse, JwksObject } from '@gatehouse/shared/wire';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { environmentView } from '../serializers/environment.ts';
import type { TypedApp } from '../typed-app.ts';
import { CommonQuery } from './params.ts';

export function environmentRoutes(app: TypedApp, deps: AppDeps): void {
  app.get(
    ROUTES.frontend.environment,
    {
      schema: {
        tags: ['Frontend API: environment'],
        summary: 'What the instance allows',
        querystring: CommonQuery,
        response: { 200: EnvironmentObject, '4xx': ErrorResponse },
      },
    },
    async (request) => environmentView(request.fapi.instance, deps.oauth.enabledProviders(request.fapi.instance)),
  );

  app.get(
    ROUTES.frontend.jwks,
    {
      schema: {
        tags: ['Frontend API: environment'],
        summary: 'Public keys that verify session tokens',
        response: { 200: JwksObject, '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'public, max-age=60');
      return deps.keys.jwks(request.fapi.instance.id);
    },
  );
}
