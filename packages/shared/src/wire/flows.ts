import { type Static, Type } from 'typebox';
import { Metadata, Nullable, Timestamp, Verification } from './common.ts';

export const SignInStatus = Type.Union([
  Type.Literal('needs_identifier'),
  Type.Literal('needs_first_factor'),
  Type.Literal('needs_second_factor'),
  Type.Literal('needs_client_trust'),
  Type.Literal('needs_new_password'),
  Type.Literal('complete'),
  Type.Literal('abandoned'),
]);

export const SignInFactor = Type.Object(
  {
    strategy: Type.String({ examples: ['password', 'email_code'] }),
    safe_identifier: Type.Optional(Type.String()),
    email_address_id: Type.Optional(Type.String()),
    primary: Type.Optional(Nullable(Type.Boolean())),
    phone_number_id: Type.Optional(Type.String()),
    default: Type.Optional(Type.Boolean({ description: "`phone_code` second factor: the user's default number." })),
  },
  { title: 'SignInFactor' },
);

export const SignInObject = Type.Object(
  {
    object: Type.Literal('sign_in_attempt'),
    id: Type.String(),
    status: SignInStatus,
    supported_identifiers: Type.Array(Type.String()),
    identifier: Nullable(Type.String()),
    supported_first_factors: Nullable(Type.Array(SignInFactor)),
    supported_second_factors: Nullable(Type.Array(SignInFactor)),
    first_factor_verification: Nullable(Verification),
    second_factor_verification: Nullable(Verification),
    user_data: Nullable(
      Type.Object({
        first_name: Nullable(Type.String()),
        last_name: Nullable(Type.String()),
        image_url: Type.String(),
        has_image: Type.Boolean(),
      }),
    ),
    created_session_id: Nullable(Type.String()),
    abandon_at: Timestamp,
  },
  { title: 'SignIn' },
);

export const SignUpStatus = Type.Union([
  Type.Literal('missing_requirements'),
  Type.Literal('complete'),
  Type.Literal('abandoned'),
]);

export const SignUpVerification = Type.Object(
  {
    status: Type.Union([
      Type.Literal('unverified'),
      Type.Literal('verified'),
      Type.Literal('failed'),
      Type.Literal('expired'),
    ]),
    strategy: Nullable(Type.String()),
    attempts: Nullable(Type.Integer()),
    expire_at: Nullable(Timestamp),
    next_action: Type.Union([Type.Literal('needs_prepare'), Type.Literal('needs_attempt'), Type.Literal('')]),
    supported_strategies: Type.Array(Type.String()),
  },
  { title: 'SignUpVerification' },
);

export const SignUpObject = Type.Object(
  {
    object: Type.Literal('sign_up_attempt'),
    id: Type.String(),
    status: SignUpStatus,
    required_fields: Type.Array(Type.String()),
    optional_fields: Type.Array(Type.String()),
    missing_fields: Type.Array(Type.String()),
    unverified_fields: Type.Array(Type.String()),
    verifications: Type.Object({
      email_address: Nullable(SignUpVerification),
      phone_number: Type.Null(),
      web3_wallet: Type.Null(),
      external_account: Nullable(Verification),
    }),
    username: Nullable(Type.String()),
    email_address: Nullable(Type.String()),
    phone_number: Type.Null(),
    web3_wallet: Type.Null(),
    password_enabled: Type.Boolean(),
    first_name: Nullable(Type.String()),
    last_name: Nullable(Type.String()),
    unsafe_metadata: Metadata,
    public_metadata: Metadata,
    custom_action: Type.Boolean(),
    external_id: Nullable(Type.String()),
    created_session_id: Nullable(Type.String()),
    created_user_id: Nullable(Type.String()),
    abandon_at: Timestamp,
    legal_accepted_at: Nullable(Timestamp),
  },
  { title: 'SignUp' },
);

export type SignInObject = Static<typeof SignInObject>;
export type SignUpObject = Static<typeof SignUpObject>;
