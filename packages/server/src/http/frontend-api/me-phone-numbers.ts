/** `/v1/me/phone_numbers`: the signed-in user's phone numbers (rules in domain/users/phone-numbers.ts). */
import { DeletedObject, ErrorResponse, PhoneNumberObject, Wrapped } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import { markIfPhoneProvesSecondFactor } from '../../domain/mfa/enrolment-proof.ts';
import { requireReverification } from '../../domain/sessions/reverification.ts';
import {
  addPhoneNumber,
  attemptPhoneNumberVerification,
  ownPhoneNumber,
  phoneNumbersOf,
  preparePhoneNumberVerification,
  removePhoneNumber,
  updatePhoneNumber,
} from '../../domain/users/phone-numbers.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { phoneNumberView } from '../serializers/phone-number.ts';
import type { TypedApp } from '../typed-app.ts';
import type { FrontendContext } from './context.ts';
import { currentSession } from './current-session.ts';
import { CommonQuery } from './params.ts';
import { wrap } from './wrap.ts';

const tags = ['Frontend API: me'];
const One = { 200: Wrapped(PhoneNumberObject), '4xx': ErrorResponse };
const Params = Type.Object({ phone_number_id: Type.String({ minLength: 1, maxLength: 64 }) });

const CreateBody = Type.Object({
  phone_number: Type.String({ minLength: 1, maxLength: 40, description: 'International format, e.g. +14155550123.' }),
});
const PrepareBody = Type.Object({ strategy: Type.String({ minLength: 1, maxLength: 64 }) });
const AttemptBody = Type.Object({
  strategy: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  code: Type.String({ minLength: 1, maxLength: 32 }),
});
const UpdateBody = Type.Object({
  reserved_for_second_factor: Type.Optional(Type.Boolean()),
  default_second_factor: Type.Optional(Type.Boolean()),
});

export function mePhoneNumberRoutes(app: TypedApp, deps: AppDeps): void {
  const me = (request: { fapi: FrontendContext; query: { _clerk_session_id?: string } }) =>
    // Allowed while pending: an SMS second factor is one way to finish the `setup-mfa` task.
    currentSession(deps, request.fapi, request.query._clerk_session_id, { allowPending: true });

  app.get(
    ROUTES.frontend.me.phoneNumbers.list,
    {
      schema: {
        tags,
        summary: 'The signed-in user’s phone numbers',
        querystring: CommonQuery,
        response: { 200: Type.Array(PhoneNumberObject), '4xx': ErrorResponse },
      },
    },
    async (request) => phoneNumbersOf((await me(request)).user).map((p) => phoneNumberView(p)),
  );

  app.post(
    ROUTES.frontend.me.phoneNumbers.create,
    {
      schema: {
        tags,
        summary: 'Add a phone number (E.164), unverified until its SMS code is entered',
        querystring: CommonQuery,
        body: CreateBody,
        response: One,
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const { user, session } = await me(request);
      requireReverification(session, deps.clock.now());
      const phone = await addPhoneNumber(deps, request.fapi.instance, user, request.body.phone_number);
      return wrap(deps, request.fapi, phoneNumberView(phone));
    },
  );

  app.get(
    ROUTES.frontend.me.phoneNumbers.one,
    { schema: { tags, querystring: CommonQuery, params: Params, response: One } },
    async (request) => {
      const { user } = await me(request);
      return wrap(deps, request.fapi, phoneNumberView(ownPhoneNumber(user, request.params.phone_number_id)));
    },
  );

  app.post(
    ROUTES.frontend.me.phoneNumbers.prepareVerification,
    {
      schema: {
        tags,
        summary: 'Text a 6-digit code to the number (strategy phone_code; valid 10 minutes, 3 attempts)',
        description:
          'Refused with `phone_number_country_not_allowed` outside `sms.allowed_countries`, and with 429 past the ' +
          'resend interval or the per-number and per-IP hourly budgets (`sms.*` settings).',
        querystring: CommonQuery,
        params: Params,
        body: PrepareBody,
        response: One,
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const { user } = await me(request);
      const { phone, expireAt } = await preparePhoneNumberVerification(
        deps,
        request.fapi.instance,
        request.fapi.request,
        user,
        request.params.phone_number_id,
        request.body,
      );
      return wrap(deps, request.fapi, phoneNumberView(phone, { expireAt }));
    },
  );

  app.post(
    ROUTES.frontend.me.phoneNumbers.attemptVerification,
    {
      schema: {
        tags,
        summary: 'Verify the number with its code; refused if another account verified it first',
        querystring: CommonQuery,
        params: Params,
        body: AttemptBody,
        response: One,
      },
      config: { rateLimit: 'attempts' },
    },
    async (request) => {
      const { user, session } = await me(request);
      const phone = await attemptPhoneNumberVerification(
        deps,
        request.fapi.instance,
        user,
        request.params.phone_number_id,
        request.body,
      );
      await markIfPhoneProvesSecondFactor(deps, session, phone);
      return wrap(deps, request.fapi, phoneNumberView(phone));
    },
  );

  app.patch(
    ROUTES.frontend.me.phoneNumbers.one,
    {
      schema: {
        tags,
        summary: 'Set the second-factor flags (default_second_factor needs a verified number)',
        querystring: CommonQuery,
        params: Params,
        body: UpdateBody,
        response: One,
      },
    },
    async (request) => {
      const { user, session } = await me(request);
      requireReverification(session, deps.clock.now());
      const phone = await updatePhoneNumber(
        deps,
        request.fapi.instance,
        user,
        request.params.phone_number_id,
        request.body,
      );
      if (request.body.reserved_for_second_factor === true) await markIfPhoneProvesSecondFactor(deps, session, phone);
      return wrap(deps, request.fapi, phoneNumberView(phone));
    },
  );

  app.delete(
    ROUTES.frontend.me.phoneNumbers.one,
    {
      schema: {
        tags,
        summary: 'Remove a phone number (a removed primary number hands over to the oldest other verified one)',
        querystring: CommonQuery,
        params: Params,
        response: { 200: Wrapped(DeletedObject), '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const { user, session } = await me(request);
      requireReverification(session, deps.clock.now());
      const id = request.params.phone_number_id;
      await removePhoneNumber(deps, request.fapi.instance, user, id);
      return wrap(deps, request.fapi, { object: 'phone_number', id, deleted: true as const });
    },
  );
}
