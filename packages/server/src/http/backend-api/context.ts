/**
 * The Backend API's authentication: `Authorization: Bearer sk_...`. The key's hash finds the
 * instance; an unknown or revoked key is refused. The key's last use is recorded at most
 * once a minute per node.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { looksLikeSecretKey } from '../../domain/instances/secret-key.ts';
import type { StoredInstance } from '../../domain/store.ts';
import type { AppDeps } from '../app-deps.ts';

export interface BackendContext {
  instance: StoredInstance;
  secretKeyId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    bapi: BackendContext;
  }
}

const TOUCH_INTERVAL_MS = 60_000;

export function installBackendContext(app: FastifyInstance, deps: AppDeps): void {
  const lastTouched = new Map<string, number>();
  app.decorateRequest('bapi', null as unknown as BackendContext);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (!header) throw new GatehouseError('authorization_header_missing');
    const key = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!looksLikeSecretKey(key)) throw new GatehouseError('secret_key_invalid');
    const { instance, keyId } = await deps.registry.bySecretKey(key);
    request.bapi = { instance, secretKeyId: keyId };
    const now = deps.clock.now();
    if ((lastTouched.get(keyId) ?? 0) + TOUCH_INTERVAL_MS < now) {
      lastTouched.set(keyId, now);
      await deps.store.secretKeys.touch(keyId, now);
    }
  });
}
