import { ClientObject, ErrorResponse, Nullable } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { endAllClientSessions } from '../../domain/sessions/end-session.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { clientView } from '../serializers/client.ts';
import type { TypedApp } from '../typed-app.ts';
import type { FrontendContext } from './context.ts';
import { CommonQuery } from './params.ts';

const tags = ['Frontend API: client'];
const ClientWrapped = Type.Object({ response: Nullable(ClientObject), client: Nullable(ClientObject) });
const Response = { 200: ClientWrapped, '4xx': ErrorResponse };

export function clientRoutes(app: TypedApp, deps: AppDeps): void {
  const view = async (ctx: FrontendContext) => {
    const c = ctx.client.current;
    const v = c ? await clientView(deps, ctx.instance, c) : null;
    return { response: v, client: v };
  };

  app.get(
    ROUTES.frontend.client,
    { schema: { tags, summary: 'The calling client, or null', querystring: CommonQuery, response: Response } },
    async (request) => view(request.fapi),
  );

  for (const method of ['post', 'put'] as const)
    app[method](
      ROUTES.frontend.client,
      { schema: { tags, summary: 'Create the client if there is none', querystring: CommonQuery, response: Response } },
      async (request) => {
        await request.fapi.client.ensure();
        return view(request.fapi);
      },
    );

  app.delete(
    ROUTES.frontend.client,
    { schema: { tags, summary: 'Sign out of every session', querystring: CommonQuery, response: Response } },
    async (request) => {
      await endAllClientSessions(deps, request.fapi);
      return view(request.fapi);
    },
  );
}
