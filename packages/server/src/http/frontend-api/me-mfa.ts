/**
 * The user's own second factors: `POST/DELETE /v1/me/totp`, `POST /v1/me/totp/attempt_verification`,
 * `POST /v1/me/backup_codes` (Clerk's paths and objects). Reachable from a pending session
 * (`setup-mfa`), which is how it becomes active. Changes that weaken or reveal factors need a
 * recent verification (`requireReverification`).
 */
import { BackupCodeObject, DeletedObject, ErrorResponse, TotpObject, Wrapped } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { confirmTotp, newBackupCodes, removeTotp } from '../../domain/mfa/manage-mfa.ts';
import { createTotp } from '../../domain/mfa/totp.ts';
import { requireReverification } from '../../domain/sessions/reverification.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import type { TypedApp } from '../typed-app.ts';
import type { FrontendContext } from './context.ts';
import { currentSession } from './current-session.ts';
import { CommonQuery } from './params.ts';
import { wrap } from './wrap.ts';

const tags = ['Frontend API: me'];
const AttemptBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 32 }) });

export function meMfaRoutes(app: TypedApp, deps: AppDeps): void {
  const me = (request: { fapi: FrontendContext; query: { _clerk_session_id?: string } }) =>
    currentSession(deps, request.fapi, request.query._clerk_session_id, { allowPending: true });

  app.post(
    ROUTES.frontend.me.totp,
    {
      schema: {
        tags,
        summary: 'Start setting up an authenticator app: an unverified TOTP with its secret and otpauth:// URI',
        querystring: CommonQuery,
        response: { 200: Wrapped(TotpObject), '4xx': ErrorResponse },
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const { user, session } = await me(request);
      requireReverification(session, deps.clock.now());
      const { record, secret, uri } = await createTotp(deps, request.fapi.instance, user);
      return wrap(deps, request.fapi, {
        object: 'totp' as const,
        id: record.id,
        secret,
        uri,
        verified: false,
        backup_codes: null,
        created_at: record.createdAt,
        updated_at: record.updatedAt,
      });
    },
  );

  app.post(
    ROUTES.frontend.me.totpAttemptVerification,
    {
      schema: {
        tags,
        summary: 'Confirm the authenticator app with a code; returns the ten backup codes, once',
        querystring: CommonQuery,
        body: AttemptBody,
        response: { 200: Wrapped(TotpObject), '4xx': ErrorResponse },
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const { user, session } = await me(request);
      const { record, backupCodes } = await confirmTotp(deps, user, request.body.code.trim(), session);
      return wrap(deps, request.fapi, {
        object: 'totp' as const,
        id: record.id,
        verified: true,
        backup_codes: backupCodes,
        created_at: record.createdAt,
        updated_at: record.updatedAt,
      });
    },
  );

  app.delete(
    ROUTES.frontend.me.totp,
    {
      schema: {
        tags,
        summary: 'Remove the authenticator app (and the backup codes, unless an SMS second factor remains)',
        querystring: CommonQuery,
        response: { 200: Wrapped(DeletedObject), '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { user, session } = await me(request);
      requireReverification(session, deps.clock.now());
      await removeTotp(deps, user);
      return wrap(deps, request.fapi, { object: 'totp', id: user.id, deleted: true as const });
    },
  );

  app.post(
    ROUTES.frontend.me.backupCodes,
    {
      schema: {
        tags,
        summary: 'Replace the backup codes with ten new ones (the old ones stop working)',
        querystring: CommonQuery,
        response: { 200: Wrapped(BackupCodeObject), '4xx': ErrorResponse },
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const { user, session } = await me(request);
      requireReverification(session, deps.clock.now());
      const codes = await newBackupCodes(deps, user);
      const now = deps.clock.now();
      return wrap(deps, request.fapi, {
        object: 'backup_code' as const,
        id: deps.random.id('bkc'),
        codes,
        created_at: now,
        updated_at: now,
      });
    },
  );
}
