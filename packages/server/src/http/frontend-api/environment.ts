import { GatehouseError } from '@gatehouse/shared';
import { providerMarkSvgForFile } from '@gatehouse/shared/provider-marks';
import { EnvironmentObject, ErrorResponse, JwksObject } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
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

  // The marks the environment's `logo_url`s name: drawn by Gatehouse, never fetched from a provider.
  app.get(
    ROUTES.frontend.providerLogo,
    {
      schema: {
        tags: ['Frontend API: environment'],
        summary: 'A social provider’s mark (SVG)',
        params: Type.Object({ file: Type.String({ pattern: '^[a-z0-9_]{1,64}\\.svg$' }) }),
        response: { 200: Type.String({ description: 'image/svg+xml' }), '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const svg = providerMarkSvgForFile(request.params.file);
      if (svg === null) throw new GatehouseError('resource_not_found');
      // A document of paths only; served as an image that can run nothing, whoever opens it.
      return reply
        .header('content-type', 'image/svg+xml')
        .header('cache-control', 'public, max-age=86400')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .header('x-content-type-options', 'nosniff')
        .send(svg);
    },
  );
}
