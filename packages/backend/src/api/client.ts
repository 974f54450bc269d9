/**
 * A typed client for every Backend API endpoint. Parameter and result types come from the
 * server's own schemas in @gatehouse/shared, so they cannot drift from what the server accepts.
 *
 * @example
 * const gatehouse = createGatehouseClient({ secretKey, publishableKey });
 * const { data, totalCount } = await gatehouse.users.getUserList({ query: 'ada', limit: 20 });
 * for await (const user of gatehouse.users.iterate({ banned: false })) console.log(user.id);
 */

import type { SettingsPatch } from '@gatehouse/shared';
import type {
  CreateUserParams,
  DevEmailListParams,
  SessionListParams,
  UpdateUserParams,
  UserCountParams,
  UserListParams,
} from '@gatehouse/shared/backend-api';
import type {
  BackendClientObject,
  DevEmailObject,
  DisableMfaResponse,
  InstanceObject,
  JwksObject,
  SecretKeyObject,
  SessionObject,
  TokenObject,
  UserObject,
  VerifyPasswordResponse,
  VerifyTotpResponse,
} from '@gatehouse/shared/wire';
import { resolveEndpoints } from '../keys/endpoints.ts';
import {
  type AuthenticateRequestOptions,
  authenticateRequest,
  type RequestState,
} from '../tokens/authenticate-request.ts';
import type { SessionTokenClaims } from '../tokens/claims.ts';
import type { NodeRequestLike } from '../tokens/request-data.ts';
import { type VerifyTokenOptions, verifyToken } from '../tokens/verify-token.ts';
import { apiRequest, type Query, type RequestOptions } from './request.ts';

export interface GatehouseClientOptions {
  secretKey?: string;
  publishableKey?: string;
  /** The Backend API origin; defaults to the Frontend API origin named by the publishable key. */
  apiUrl?: string;
  frontendApiUrl?: string;
  /** A PEM public key: token verification then needs no network at all. */
  jwtKey?: string;
  fetch?: typeof fetch;
}

export interface DeletedObject {
  object: string;
  id: string;
  deleted: true;
}

export interface PaginatedList<T> {
  data: T[];
  totalCount: number;
}

const env = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

const enc = encodeURIComponent;

export function createGatehouseClient(options: GatehouseClientOptions = {}) {
  const secretKey = options.secretKey ?? env('GATEHOUSE_SECRET_KEY');
  const publishableKey = options.publishableKey ?? env('GATEHOUSE_PUBLISHABLE_KEY');
  const endpoints = resolveEndpoints({
    publishableKey,
    apiUrl: options.apiUrl ?? env('GATEHOUSE_API_URL'),
    frontendApiUrl: options.frontendApiUrl,
  });
  const base: VerifyTokenOptions = {
    ...(secretKey && { secretKey }),
    ...(publishableKey && { publishableKey }),
    ...(endpoints.apiUrl && { apiUrl: endpoints.apiUrl }),
    ...(endpoints.frontendApiUrl && { frontendApiUrl: endpoints.frontendApiUrl }),
    ...((options.jwtKey ?? env('GATEHOUSE_JWT_KEY')) && { jwtKey: options.jwtKey ?? env('GATEHOUSE_JWT_KEY') }),
    ...(options.fetch && { fetch: options.fetch }),
  };

  const req = <T>(method: string, path: string, init?: { query?: Query; body?: unknown }): Promise<T> => {
    if (!secretKey || !endpoints.apiUrl)
      throw new TypeError('The Backend API client needs secretKey and apiUrl or publishableKey.');
    const o: RequestOptions = { apiUrl: endpoints.apiUrl, secretKey, ...(options.fetch && { fetch: options.fetch }) };
    return apiRequest<T>(o, method, path, init);
  };

  const users = {
    getUserList: async (params: UserListParams = {}): Promise<PaginatedList<UserObject>> => {
      const { limit: _limit, offset: _offset, order_by: _orderBy, ...filters } = params;
      const [data, count] = await Promise.all([
        req<UserObject[]>('GET', '/v1/users', { query: params as Query }),
        req<{ total_count: number }>('GET', '/v1/users/count', { query: filters as Query }),
      ]);
      return { data, totalCount: count.total_count };
    },
    getCount: async (params: UserCountParams = {}) =>
      (await req<{ total_count: number }>('GET', '/v1/users/count', { query: params as Query })).total_count,
    /** Every user matching the filters, fetched page by page. */
    async *iterate(params: Omit<UserListParams, 'offset'> = {}): AsyncGenerator<UserObject> {
      const limit = params.limit ?? 100;
      for (let offset = 0; ; offset += limit) {
        const page = await req<UserObject[]>('GET', '/v1/users', { query: { ...params, limit, offset } as Query });
        yield* page;
        if (page.length < limit) return;
      }
    },
    getUser: (userId: string) => req<UserObject>('GET', `/v1/users/${enc(userId)}`),
    createUser: (params: CreateUserParams) => req<UserObject>('POST', '/v1/users', { body: params }),
    updateUser: (userId: string, params: UpdateUserParams) =>
      req<UserObject>('PATCH', `/v1/users/${enc(userId)}`, { body: params }),
    deleteUser: (userId: string) => req<DeletedObject>('DELETE', `/v1/users/${enc(userId)}`),
    banUser: (userId: string) => req<UserObject>('POST', `/v1/users/${enc(userId)}/ban`),
    unbanUser: (userId: string) => req<UserObject>('POST', `/v1/users/${enc(userId)}/unban`),
    lockUser: (userId: string) => req<UserObject>('POST', `/v1/users/${enc(userId)}/lock`),
    unlockUser: (userId: string) => req<UserObject>('POST', `/v1/users/${enc(userId)}/unlock`),
    /** Checks the user's password; a wrong one rejects with `form_password_incorrect` (and counts toward lockout). */
    verifyPassword: (userId: string, params: { password: string }) =>
      req<VerifyPasswordResponse>('POST', `/v1/users/${enc(userId)}/verify_password`, { body: params }),
    /**
     * Checks a TOTP or backup code (a backup code is used up); a wrong or replayed one rejects
     * with `form_code_incorrect` (and counts toward lockout).
     */
    verifyTotp: (userId: string, params: { code: string }) =>
      req<VerifyTotpResponse>('POST', `/v1/users/${enc(userId)}/verify_totp`, { body: params }),
    /** Turns every second factor off: TOTP, backup codes, second-factor phone numbers. */
    disableMfa: (userId: string) => req<DisableMfaResponse>('DELETE', `/v1/users/${enc(userId)}/mfa`),
    deleteTotp: (userId: string) => req<DisableMfaResponse>('DELETE', `/v1/users/${enc(userId)}/totp`),
    deleteBackupCodes: (userId: string) => req<DisableMfaResponse>('DELETE', `/v1/users/${enc(userId)}/backup_code`),
  };

  const sessions = {
    getSessionList: (params: SessionListParams = {}) =>
      req<SessionObject[]>('GET', '/v1/sessions', { query: params as Query }),
    getSession: (sessionId: string) => req<SessionObject>('GET', `/v1/sessions/${enc(sessionId)}`),
    revokeSession: (sessionId: string) => req<SessionObject>('POST', `/v1/sessions/${enc(sessionId)}/revoke`),
    /** Mints a session token server-side (no `azp`). */
    getToken: async (sessionId: string) =>
      (await req<TokenObject>('POST', `/v1/sessions/${enc(sessionId)}/tokens`)).jwt,
  };

  const clients = {
    verifyClient: (token: string) => req<BackendClientObject>('POST', '/v1/clients/verify', { body: { token } }),
    getClient: (clientId: string) => req<BackendClientObject>('GET', `/v1/clients/${enc(clientId)}`),
  };

  const instance = {
    get: () => req<InstanceObject>('GET', '/v1/instance'),
    /** A deep-partial patch; `null` resets a field to its default. */
    updateSettings: (patch: SettingsPatch) => req<InstanceObject>('PATCH', '/v1/instance/settings', { body: patch }),
    rotateSigningKey: () =>
      req<{ object: 'signing_key_rotation'; kid: string; retired_kid: string | null }>(
        'POST',
        '/v1/instance/signing_keys/rotate',
      ),
  };

  const jwks = { getJwks: () => req<JwksObject>('GET', '/v1/jwks') };

  const secretKeys = {
    list: () => req<SecretKeyObject[]>('GET', '/v1/secret_keys'),
    create: (name?: string) => req<SecretKeyObject>('POST', '/v1/secret_keys', { body: name ? { name } : {} }),
    revoke: (secretKeyId: string) => req<SecretKeyObject>('DELETE', `/v1/secret_keys/${enc(secretKeyId)}`),
  };

  const devEmails = {
    list: (params: DevEmailListParams = {}) =>
      req<DevEmailObject[]>('GET', '/v1/dev/emails', { query: params as Query }),
  };

  return {
    users,
    sessions,
    clients,
    instance,
    jwks,
    secretKeys,
    devEmails,
    /** Verifies a session token with this client's keys. */
    verifyToken: (token: string, opts?: Partial<VerifyTokenOptions>): Promise<SessionTokenClaims> =>
      verifyToken(token, opts ? { ...base, ...opts } : base),
    /** Authenticates a Fetch `Request` or a Node `IncomingMessage`. */
    authenticateRequest: (
      request: Request | NodeRequestLike,
      opts?: Partial<AuthenticateRequestOptions>,
    ): Promise<RequestState> => authenticateRequest(request, opts ? { ...base, ...opts } : base),
  };
}

export type GatehouseClient = ReturnType<typeof createGatehouseClient>;
