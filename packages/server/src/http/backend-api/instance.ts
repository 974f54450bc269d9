import { GatehouseError, InstanceSettingsPatchSchema } from '@gatehouse/shared';
import { CreateSecretKeyBody, DevEmailListQuery } from '@gatehouse/shared/backend-api';
import {
  DevEmailObject,
  ErrorResponse,
  InstanceObject,
  JwksObject,
  SecretKeyObject,
  SigningKeyRotation,
} from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { isDevelopment } from '../../domain/instances/instance.ts';
import { normalizeEmail } from '../../domain/policies/email-address.ts';
import { createSecretKey, patchSettings, revokeSecretKey } from '../../services/instance-admin.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { instanceView, secretKeyView } from '../serializers/instance.ts';
import type { TypedApp } from '../typed-app.ts';

const tags = ['Backend API: instance'];

export function instanceRoutes(app: TypedApp, deps: AppDeps): void {
  app.get(
    ROUTES.backend.instance.self,
    { schema: { tags, response: { 200: InstanceObject, '4xx': ErrorResponse } } },
    async (request) => instanceView(request.bapi.instance),
  );

  app.patch(
    ROUTES.backend.instance.settings,
    {
      schema: {
        tags,
        summary: 'Change settings: a deep-partial patch; null resets a field to its default',
        body: InstanceSettingsPatchSchema,
        response: { 200: InstanceObject, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { instance } = request.bapi;
      const settings = await patchSettings(deps, instance, request.body as Record<string, unknown>);
      const updated = await deps.store.instances.findById(instance.id);
      return instanceView(updated ?? { ...instance, settings });
    },
  );

  app.post(
    ROUTES.backend.instance.rotateSigningKey,
    {
      schema: {
        tags,
        summary: 'Sign with a new key; the old one stays published until its tokens expire',
        response: { 200: SigningKeyRotation, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { instance } = request.bapi;
      const r = await deps.keys.rotate(instance.id, instance.settings.sessions.signing_algorithm);
      return { object: 'signing_key_rotation' as const, kid: r.kid, retired_kid: r.retiredKid };
    },
  );

  app.get(
    ROUTES.backend.jwks,
    { schema: { tags, response: { 200: JwksObject, '4xx': ErrorResponse } } },
    async (request) => deps.keys.jwks(request.bapi.instance.id),
  );

  app.get(
    ROUTES.backend.secretKeys.list,
    { schema: { tags, response: { 200: Type.Array(SecretKeyObject), '4xx': ErrorResponse } } },
    async (request) => (await deps.store.secretKeys.list(request.bapi.instance.id)).map((k) => secretKeyView(k)),
  );

  app.post(
    ROUTES.backend.secretKeys.list,
    {
      schema: {
        tags,
        summary: 'Create a secret key; the response is the only place the key appears',
        body: CreateSecretKeyBody,
        response: { 200: SecretKeyObject, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { key, record } = await createSecretKey(deps, request.bapi.instance, request.body.name ?? 'unnamed');
      return secretKeyView(record, key);
    },
  );

  app.delete(
    ROUTES.backend.secretKeys.one,
    {
      schema: {
        tags,
        summary: 'Revoke a secret key at once',
        params: Type.Object({ secret_key_id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: SecretKeyObject, '4xx': ErrorResponse },
      },
    },
    async (request) => secretKeyView(await revokeSecretKey(deps, request.bapi.instance, request.params.secret_key_id)),
  );

  app.get(
    ROUTES.backend.devEmails,
    {
      schema: {
        tags: ['Backend API: development'],
        summary: 'Every email a development instance sent, newest first',
        querystring: DevEmailListQuery,
        response: { 200: Type.Array(DevEmailObject), '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { instance } = request.bapi;
      if (!isDevelopment(instance)) throw new GatehouseError('dev_instance_only');
      const q = request.query;
      const mails = await deps.store.devMailbox.list(instance.id, {
        ...(q.to && { to: normalizeEmail(q.to) }),
        limit: q.limit,
        offset: q.offset,
      });
      return mails.map((m) => ({
        object: 'dev_email' as const,
        id: m.id,
        to: m.to,
        from: m.from,
        subject: m.subject,
        text: m.text,
        html: m.html,
        template: m.template,
        created_at: m.createdAt,
      }));
    },
  );
}
