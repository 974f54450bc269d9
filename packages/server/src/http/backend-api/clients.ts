import { GatehouseError } from '@gatehouse/shared';
import { VerifyClientBody } from '@gatehouse/shared/backend-api';
import { BackendClientObject, ErrorResponse } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { parseClientToken } from '../../domain/clients/client.ts';
import { constantTimeEqual, hashToken } from '../../domain/secrets.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { backendClientView } from '../serializers/client.ts';
import type { TypedApp } from '../typed-app.ts';

const tags = ['Backend API: clients'];
const One = { 200: BackendClientObject, '4xx': ErrorResponse };

export function clientRoutes(app: TypedApp, deps: AppDeps): void {
  app.post(
    ROUTES.backend.clients.verify,
    {
      schema: {
        tags,
        summary: 'Find the client a client token belongs to',
        body: VerifyClientBody,
        response: One,
      },
    },
    async (request) => {
      const { instance } = request.bapi;
      const parsed = parseClientToken(request.body.token);
      const client = parsed ? await deps.store.clients.findById(instance.id, parsed.clientId) : null;
      if (!client || !constantTimeEqual(client.tokenHash, hashToken(request.body.token)))
        throw new GatehouseError('client_token_invalid');
      return backendClientView(deps, instance, client);
    },
  );

  app.get(
    ROUTES.backend.clients.one,
    {
      schema: { tags, params: Type.Object({ client_id: Type.String({ minLength: 1, maxLength: 64 }) }), response: One },
    },
    async (request) => {
      const { instance } = request.bapi;
      const client = await deps.store.clients.findById(instance.id, request.params.client_id);
      if (!client) throw new GatehouseError('resource_not_found', { meta: { client_id: request.params.client_id } });
      return backendClientView(deps, instance, client);
    },
  );
}
