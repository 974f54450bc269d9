/**
 * `/v1/client/sessions/{id}/verify[...]`: reverification of a signed-in session before a
 * sensitive action (rules in domain/sessions/session-verification.ts, docs/reverification.md).
 */
import { GatehouseError } from '@gatehouse/shared';
import { ErrorResponse, SessionVerificationLevel, SessionVerificationObject, Wrapped } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import {
  attemptFirstFactorVerification,
  attemptSecondFactorVerification,
  prepareFirstFactorVerification,
  prepareSecondFactorVerification,
  type SessionVerification,
  startVerification,
} from '../../domain/sessions/session-verification.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { sessionVerificationView } from '../serializers/session-verification.ts';
import type { TypedApp } from '../typed-app.ts';
import type { FrontendContext } from './context.ts';
import { currentSession } from './current-session.ts';
import { CommonQuery, SessionParams } from './params.ts';
import { wrap } from './wrap.ts';

const tags = ['Frontend API: sessions'];
const Response = { 200: Wrapped(SessionVerificationObject), '4xx': ErrorResponse };

const VerifyBody = Type.Object({ level: SessionVerificationLevel });
const PrepareBody = Type.Object({ strategy: Type.String({ minLength: 1, maxLength: 64 }) });
const AttemptBody = Type.Object({
  strategy: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  code: Type.Optional(Type.String({ maxLength: 32 })),
});
const PrepareSecondBody = Type.Object({
  strategy: Type.String({ minLength: 1, maxLength: 64 }),
  phone_number_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});
const AttemptSecondBody = Type.Object({
  strategy: Type.String({ minLength: 1, maxLength: 64 }),
  code: Type.Optional(Type.String({ maxLength: 32 })),
});

export function sessionVerificationRoutes(app: TypedApp, deps: AppDeps): void {
  /** The session named in the path: the caller's own and usable, else `session_not_found`/`signed_out`. */
  const target = async (ctx: FrontendContext, id: string) => {
    if (!ctx.client.current) throw new GatehouseError('signed_out');
    const found = await deps.store.sessions.findById(ctx.instance.id, id);
    if (!found || found.clientId !== ctx.client.current.id) throw new GatehouseError('session_not_found');
    return currentSession(deps, ctx, id);
  };
  const respond = (ctx: FrontendContext, v: SessionVerification, user: Parameters<typeof sessionVerificationView>[1]) =>
    wrap(deps, ctx, sessionVerificationView(v, user, ctx.instance.settings, deps.clock.now()));

  app.post(
    ROUTES.frontend.sessions.verify,
    {
      schema: {
        tags,
        summary: 'Start reverifying the session at a level (step-up before a sensitive action)',
        querystring: CommonQuery,
        params: SessionParams,
        body: VerifyBody,
        response: Response,
      },
    },
    async (request) => {
      const ctx = request.fapi;
      const { session, user } = await target(ctx, request.params.session_id);
      return respond(ctx, await startVerification(deps, ctx.instance, session, user, request.body.level), user);
    },
  );

  app.post(
    ROUTES.frontend.sessions.prepareFirstFactorVerification,
    {
      schema: {
        tags,
        summary: 'Mail a reverification code to the primary email address (`email_code`)',
        querystring: CommonQuery,
        params: SessionParams,
        body: PrepareBody,
        response: Response,
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const ctx = request.fapi;
      const { session, user } = await target(ctx, request.params.session_id);
      return respond(ctx, await prepareFirstFactorVerification(deps, ctx.instance, session, user, request.body), user);
    },
  );

  app.post(
    ROUTES.frontend.sessions.attemptFirstFactorVerification,
    {
      schema: {
        tags,
        summary: 'Reverify the first factor with the password or the mailed code',
        querystring: CommonQuery,
        params: SessionParams,
        body: AttemptBody,
        response: Response,
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const ctx = request.fapi;
      const { session, user } = await target(ctx, request.params.session_id);
      return respond(ctx, await attemptFirstFactorVerification(deps, ctx.instance, session, user, request.body), user);
    },
  );

  app.post(
    ROUTES.frontend.sessions.prepareSecondFactorVerification,
    {
      schema: {
        tags,
        summary: 'Text a reverification code to a number reserved for second factor (`phone_code`)',
        querystring: CommonQuery,
        params: SessionParams,
        body: PrepareSecondBody,
        response: Response,
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const ctx = request.fapi;
      const { session, user } = await target(ctx, request.params.session_id);
      return respond(ctx, await prepareSecondFactorVerification(deps, ctx, session, user, request.body), user);
    },
  );

  app.post(
    ROUTES.frontend.sessions.attemptSecondFactorVerification,
    {
      schema: {
        tags,
        summary: 'Reverify the second factor with an authenticator (`totp`), SMS (`phone_code`) or backup code',
        querystring: CommonQuery,
        params: SessionParams,
        body: AttemptSecondBody,
        response: Response,
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const ctx = request.fapi;
      const { session, user } = await target(ctx, request.params.session_id);
      return respond(ctx, await attemptSecondFactorVerification(deps, ctx, session, user, request.body), user);
    },
  );
}
