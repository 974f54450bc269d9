/** `GET /v1/dev/sms`: the text messages a development instance kept instead of sending (as `/v1/dev/emails`). */
import { GatehouseError } from '@gatehouse/shared';
import { DevSmsObject, ErrorResponse, Paging } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { isDevelopment } from '../../domain/instances/instance.ts';
import { parsePhoneNumber } from '../../domain/policies/phone-number.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import type { TypedApp } from '../typed-app.ts';

const DevSmsListQuery = Type.Object(
  {
    to: Type.Optional(Type.String({ maxLength: 40, description: 'A phone number; compared in E.164.' })),
    ...Paging({ defaultLimit: 50, maxLimit: 500 }),
  },
  { additionalProperties: false },
);

export function devSmsRoutes(app: TypedApp, deps: AppDeps): void {
  app.get(
    ROUTES.backend.devSms,
    {
      schema: {
        tags: ['Backend API: development'],
        summary: 'Every text message a development instance kept, newest first',
        querystring: DevSmsListQuery,
        response: { 200: Type.Array(DevSmsObject), '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { instance } = request.bapi;
      if (!isDevelopment(instance)) throw new GatehouseError('dev_instance_only');
      const q = request.query;
      const to = q.to ? (parsePhoneNumber(q.to)?.e164 ?? q.to.trim()) : undefined;
      const messages = await deps.store.devSmsOutbox.list(instance.id, {
        ...(to && { to }),
        limit: q.limit,
        offset: q.offset,
      });
      return messages.map((m) => ({
        object: 'dev_sms' as const,
        id: m.id,
        to: m.to,
        body: m.body,
        template: m.template,
        created_at: m.createdAt,
      }));
    },
  );
}
