/** `/v1/me/passkeys`: the signed-in user's passkeys (rules in domain/passkeys/manage-passkeys.ts). */
import { DeletedObject, ErrorResponse, PasskeyObject, Wrapped } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import {
  attemptPasskeyVerification,
  createPasskey,
  deletePasskey,
  listPasskeys,
  ownPasskey,
  renamePasskey,
} from '../../domain/passkeys/manage-passkeys.ts';
import { requireReverification } from '../../domain/sessions/reverification.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { passkeyView } from '../serializers/passkey.ts';
import type { TypedApp } from '../typed-app.ts';
import type { FrontendContext } from './context.ts';
import { currentSession } from './current-session.ts';
import { CommonQuery, PasskeyParams } from './params.ts';
import { wrap } from './wrap.ts';

const tags = ['Frontend API: me'];
const One = { 200: Wrapped(PasskeyObject), '4xx': ErrorResponse };

const AttemptBody = Type.Object({
  strategy: Type.Optional(Type.Literal('passkey')),
  public_key_credential: Type.String({
    minLength: 1,
    maxLength: 32_768,
    description: 'The JSON of the browser’s PublicKeyCredential (navigator.credentials.create).',
  }),
});
const RenameBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) });

export function mePasskeyRoutes(app: TypedApp, deps: AppDeps): void {
  const me = (request: { fapi: FrontendContext; query: { _clerk_session_id?: string } }) =>
    currentSession(deps, request.fapi, request.query._clerk_session_id);

  app.get(
    ROUTES.frontend.me.passkeys.list,
    {
      schema: {
        tags,
        summary: 'The signed-in user’s passkeys',
        querystring: CommonQuery,
        response: { 200: Type.Array(PasskeyObject), '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { user } = await me(request);
      return (await listPasskeys(deps, request.fapi.instance, user)).map((p) => passkeyView(p));
    },
  );

  app.post(
    ROUTES.frontend.me.passkeys.create,
    {
      schema: {
        tags,
        summary: 'Start adding a passkey: WebAuthn creation options in `verification.nonce`',
        querystring: CommonQuery,
        response: One,
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const { user, session } = await me(request);
      requireReverification(session, deps.clock.now());
      const { passkey, options, expiresAt } = await createPasskey(deps, request.fapi.instance, user);
      return wrap(deps, request.fapi, passkeyView(passkey, { options, expireAt: expiresAt }));
    },
  );

  app.post(
    ROUTES.frontend.me.passkeys.attemptVerification,
    {
      schema: {
        tags,
        summary: 'Finish adding a passkey with the browser’s attestation',
        querystring: CommonQuery,
        params: PasskeyParams,
        body: AttemptBody,
        response: One,
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const { user } = await me(request);
      const passkey = await attemptPasskeyVerification(
        deps,
        request.fapi.instance,
        user,
        request.params.passkey_id,
        request.body.public_key_credential,
      );
      return wrap(deps, request.fapi, passkeyView(passkey));
    },
  );

  app.get(
    ROUTES.frontend.me.passkeys.one,
    { schema: { tags, querystring: CommonQuery, params: PasskeyParams, response: One } },
    async (request) => {
      const { user } = await me(request);
      return wrap(
        deps,
        request.fapi,
        passkeyView(await ownPasskey(deps, request.fapi.instance, user, request.params.passkey_id)),
      );
    },
  );

  app.patch(
    ROUTES.frontend.me.passkeys.one,
    {
      schema: {
        tags,
        summary: 'Rename a passkey',
        querystring: CommonQuery,
        params: PasskeyParams,
        body: RenameBody,
        response: One,
      },
    },
    async (request) => {
      const { user } = await me(request);
      const passkey = await renamePasskey(
        deps,
        request.fapi.instance,
        user,
        request.params.passkey_id,
        request.body.name,
      );
      return wrap(deps, request.fapi, passkeyView(passkey));
    },
  );

  app.delete(
    ROUTES.frontend.me.passkeys.one,
    {
      schema: {
        tags,
        summary: 'Remove a passkey',
        querystring: CommonQuery,
        params: PasskeyParams,
        response: { 200: Wrapped(DeletedObject), '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { user, session } = await me(request);
      requireReverification(session, deps.clock.now());
      await deletePasskey(deps, request.fapi.instance, user, request.params.passkey_id);
      return wrap(deps, request.fapi, { object: 'passkey', id: request.params.passkey_id, deleted: true as const });
    },
  );
}
