/** `/v1/me/email_addresses`: the signed-in user's email addresses (rules in domain/users/email-addresses.ts). */
import { DeletedObject, EmailAddressObject, ErrorResponse, Wrapped } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { requireReverification } from '../../domain/sessions/reverification.ts';
import {
  addEmailAddress,
  attemptEmailAddressVerification,
  ownEmailAddress,
  prepareEmailAddressVerification,
  removeEmailAddress,
} from '../../domain/users/email-addresses.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { emailAddressView } from '../serializers/user.ts';
import type { TypedApp } from '../typed-app.ts';
import type { FrontendContext } from './context.ts';
import { currentSession } from './current-session.ts';
import { CommonQuery, EmailAddressParams } from './params.ts';
import { wrap } from './wrap.ts';

const tags = ['Frontend API: me'];
const One = { 200: Wrapped(EmailAddressObject), '4xx': ErrorResponse };

const CreateBody = Type.Object({ email_address: Type.String({ minLength: 1, maxLength: 320 }) });
const PrepareBody = Type.Object({ strategy: Type.String({ minLength: 1, maxLength: 64 }) });
const AttemptBody = Type.Object({
  strategy: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  code: Type.String({ minLength: 1, maxLength: 32 }),
});

export function meEmailAddressRoutes(app: TypedApp, deps: AppDeps): void {
  const me = (request: { fapi: FrontendContext; query: { _clerk_session_id?: string } }) =>
    currentSession(deps, request.fapi, request.query._clerk_session_id);

  app.get(
    ROUTES.frontend.me.emailAddresses.list,
    {
      schema: {
        tags,
        summary: 'The signed-in user’s email addresses',
        querystring: CommonQuery,
        response: { 200: Type.Array(EmailAddressObject), '4xx': ErrorResponse },
      },
    },
    async (request) => (await me(request)).user.emailAddresses.map((e) => emailAddressView(e)),
  );

  app.post(
    ROUTES.frontend.me.emailAddresses.create,
    {
      schema: {
        tags,
        summary: 'Add an email address, unverified until its code is entered',
        querystring: CommonQuery,
        body: CreateBody,
        response: One,
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const { user, session } = await me(request);
      requireReverification(session, deps.clock.now());
      const address = await addEmailAddress(deps, request.fapi.instance, user, request.body.email_address);
      return wrap(deps, request.fapi, emailAddressView(address));
    },
  );

  app.get(
    ROUTES.frontend.me.emailAddresses.one,
    { schema: { tags, querystring: CommonQuery, params: EmailAddressParams, response: One } },
    async (request) => {
      const { user } = await me(request);
      return wrap(deps, request.fapi, emailAddressView(ownEmailAddress(user, request.params.email_address_id)));
    },
  );

  app.post(
    ROUTES.frontend.me.emailAddresses.prepareVerification,
    {
      schema: {
        tags,
        summary: 'Mail a 6-digit code to the address (valid 10 minutes, 3 attempts)',
        querystring: CommonQuery,
        params: EmailAddressParams,
        body: PrepareBody,
        response: One,
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const { user } = await me(request);
      const { address, expireAt } = await prepareEmailAddressVerification(
        deps,
        request.fapi.instance,
        user,
        request.params.email_address_id,
        request.body,
      );
      return wrap(deps, request.fapi, emailAddressView(address, { expireAt }));
    },
  );

  app.post(
    ROUTES.frontend.me.emailAddresses.attemptVerification,
    {
      schema: {
        tags,
        summary: 'Verify the address with its code; refused if another account verified it first',
        querystring: CommonQuery,
        params: EmailAddressParams,
        body: AttemptBody,
        response: One,
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const { user } = await me(request);
      const address = await attemptEmailAddressVerification(
        deps,
        request.fapi.instance,
        user,
        request.params.email_address_id,
        request.body,
      );
      return wrap(deps, request.fapi, emailAddressView(address));
    },
  );

  app.delete(
    ROUTES.frontend.me.emailAddresses.one,
    {
      schema: {
        tags,
        summary: 'Remove an address (not the primary one, nor the last verified one)',
        querystring: CommonQuery,
        params: EmailAddressParams,
        response: { 200: Wrapped(DeletedObject), '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { user, session } = await me(request);
      requireReverification(session, deps.clock.now());
      const id = request.params.email_address_id;
      await removeEmailAddress(deps, request.fapi.instance, user, id);
      return wrap(deps, request.fapi, { object: 'email_address', id, deleted: true as const });
    },
  );
}
