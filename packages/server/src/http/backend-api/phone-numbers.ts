/** Backend API `/v1/phone_numbers`: operators add, verify, flag and remove users' numbers (Clerk's endpoints). */
import { DeletedObject, ErrorResponse, PhoneNumberObject } from '@gatehouse/shared/wire';
import { Type } from 'typebox';
import {
  createPhoneNumberAsAdmin,
  findPhoneNumber,
  removePhoneNumberAsAdmin,
  updatePhoneNumberAsAdmin,
} from '../../domain/users/phone-numbers.ts';
import type { AppDeps } from '../app-deps.ts';
import { ROUTES } from '../routes.ts';
import { phoneNumberView } from '../serializers/phone-number.ts';
import type { TypedApp } from '../typed-app.ts';

const tags = ['Backend API: phone numbers'];
const Params = Type.Object({ phone_number_id: Type.String({ minLength: 1, maxLength: 64 }) });
const One = { 200: PhoneNumberObject, '4xx': ErrorResponse };

const Flags = {
  verified: Type.Optional(Type.Boolean({ description: 'Mark the number verified without a code.' })),
  primary: Type.Optional(Type.Boolean({ description: "Make it the user's primary number (it must be verified)." })),
  reserved_for_second_factor: Type.Optional(Type.Boolean()),
};
const CreateBody = Type.Object(
  {
    user_id: Type.String({ minLength: 1, maxLength: 64 }),
    phone_number: Type.String({ minLength: 1, maxLength: 40, description: 'International format, e.g. +14155550123.' }),
    ...Flags,
  },
  { additionalProperties: false },
);
const UpdateBody = Type.Object(Flags, { additionalProperties: false });

export function phoneNumberRoutes(app: TypedApp, deps: AppDeps): void {
  app.post(
    ROUTES.backend.phoneNumbers.create,
    {
      schema: {
        tags,
        summary: 'Add a phone number to a user (no code is sent; unverified unless `verified`)',
        body: CreateBody,
        response: One,
      },
    },
    async (request) => phoneNumberView(await createPhoneNumberAsAdmin(deps, request.bapi.instance, request.body)),
  );

  app.get(
    ROUTES.backend.phoneNumbers.one,
    { schema: { tags, summary: 'A phone number by id', params: Params, response: One } },
    async (request) =>
      phoneNumberView((await findPhoneNumber(deps, request.bapi.instance, request.params.phone_number_id)).phone),
  );

  app.patch(
    ROUTES.backend.phoneNumbers.one,
    {
      schema: {
        tags,
        summary: 'Verify a number, make it primary, or reserve it for second factors',
        params: Params,
        body: UpdateBody,
        response: One,
      },
    },
    async (request) =>
      phoneNumberView(
        await updatePhoneNumberAsAdmin(deps, request.bapi.instance, request.params.phone_number_id, request.body),
      ),
  );

  app.delete(
    ROUTES.backend.phoneNumbers.one,
    {
      schema: {
        tags,
        summary: 'Remove a phone number',
        params: Params,
        response: { 200: DeletedObject, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const id = request.params.phone_number_id;
      await removePhoneNumberAsAdmin(deps, request.bapi.instance, id);
      return { object: 'phone_number', id, deleted: true as const };
    },
  );
}
