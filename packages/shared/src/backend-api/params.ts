/**
 * Request schemas of the Backend API: the server validates with them and the backend SDK types
 * its client from them, so the two cannot drift.
 */
import { type Static, Type } from 'typebox';
import { Metadata } from '../wire/common.ts';
import { Paging } from '../wire/paging.ts';
import { SessionStatus } from '../wire/session.ts';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const StringList = (max: number) => Type.Array(Type.String({ maxLength: 320 }), { maxItems: max });

export const USER_ORDER_FIELDS = [
  'created_at',
  'updated_at',
  'last_sign_in_at',
  'last_active_at',
  'username',
  'first_name',
  'last_name',
] as const;

const UserFilters = {
  email_address: Type.Optional(StringList(100)),
  user_id: Type.Optional(StringList(100)),
  username: Type.Optional(StringList(100)),
  query: Type.Optional(
    Type.String({ maxLength: 256, description: 'Partial, case-insensitive match on id, email, username and names.' }),
  ),
  banned: Type.Optional(Type.Boolean()),
};

const DefaultPaging = Paging({ defaultLimit: 10, maxLimit: 500 });

export const UserListQuery = Type.Object(
  {
    ...UserFilters,
    ...DefaultPaging,
    order_by: Type.String({
      pattern: `^[+-]?(${USER_ORDER_FIELDS.join('|')})$`,
      default: '-created_at',
      description: 'A field, optionally prefixed with + (ascending, the default) or - (descending).',
    }),
  },
  { additionalProperties: false },
);

export const UserCountQuery = Type.Object(UserFilters, { additionalProperties: false });

const PasswordFields = {
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  password_digest: Type.Optional(Type.String({ maxLength: 512, description: 'An existing hash, for imports.' })),
  password_hasher: Type.Optional(
    Type.Union([Type.Literal('argon2id'), Type.Literal('argon2i'), Type.Literal('bcrypt')], {
      description: 'The algorithm of password_digest.',
    }),
  ),
  skip_password_checks: Type.Optional(Type.Boolean()),
};

const ProfileFields = {
  username: Type.Optional(Type.Union([Type.String({ maxLength: 128 }), Type.Null()])),
  first_name: Type.Optional(Type.Union([Type.String({ maxLength: 256 }), Type.Null()])),
  last_name: Type.Optional(Type.Union([Type.String({ maxLength: 256 }), Type.Null()])),
  public_metadata: Type.Optional(Metadata),
  private_metadata: Type.Optional(Metadata),
  unsafe_metadata: Type.Optional(Metadata),
};

export const CreateUserBody = Type.Object(
  { email_address: Type.Optional(StringList(10)), ...ProfileFields, ...PasswordFields },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    ...ProfileFields,
    ...PasswordFields,
    primary_email_address_id: Type.Optional(Id),
    sign_out_of_other_sessions: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const SessionListQuery = Type.Object(
  {
    user_id: Type.Optional(Type.String({ maxLength: 64 })),
    client_id: Type.Optional(Type.String({ maxLength: 64 })),
    status: Type.Optional(SessionStatus),
    ...DefaultPaging,
  },
  { additionalProperties: false },
);

export const VerifyClientBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

export const CreateSecretKeyBody = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
  { additionalProperties: false },
);

export const DevEmailListQuery = Type.Object(
  {
    to: Type.Optional(Type.String({ maxLength: 320 })),
    ...Paging({ defaultLimit: 50, maxLimit: 500 }),
  },
  { additionalProperties: false },
);

/** Query and body types as callers write them: defaulted fields are optional. */
type WithDefaultsOptional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

export type UserListParams = WithDefaultsOptional<Static<typeof UserListQuery>, 'limit' | 'offset' | 'order_by'>;
export type UserCountParams = Static<typeof UserCountQuery>;
export type CreateUserParams = Static<typeof CreateUserBody>;
export type UpdateUserParams = Static<typeof UpdateUserBody>;
export type SessionListParams = WithDefaultsOptional<Static<typeof SessionListQuery>, 'limit' | 'offset'>;
export type DevEmailListParams = WithDefaultsOptional<Static<typeof DevEmailListQuery>, 'limit' | 'offset'>;
