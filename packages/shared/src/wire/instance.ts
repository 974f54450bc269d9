import { type Static, Type } from 'typebox';
import { InstanceSettingsSchema } from '../instance-settings.ts';
import { Nullable, Timestamp } from './common.ts';

export const InstanceObject = Type.Object(
  {
    object: Type.Literal('instance'),
    id: Type.String(),
    name: Type.String(),
    environment_type: Type.Union([Type.Literal('development'), Type.Literal('production')]),
    publishable_key: Type.String(),
    frontend_api_url: Type.String(),
    allowed_origins: Type.Array(Type.String()),
    settings: InstanceSettingsSchema,
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: 'Instance' },
);

export const SecretKeyObject = Type.Object(
  {
    object: Type.Literal('secret_key'),
    id: Type.String(),
    name: Type.String(),
    last4: Type.String({ description: 'The last four characters, to tell keys apart.' }),
    secret: Type.Optional(
      Type.String({ description: 'The key itself; present only in the response that created it.' }),
    ),
    created_at: Timestamp,
    last_used_at: Nullable(Timestamp),
    revoked_at: Nullable(Timestamp),
  },
  { title: 'SecretKey' },
);

export const JwksObject = Type.Object(
  {
    keys: Type.Array(
      Type.Object(
        {
          kid: Type.String(),
          kty: Type.String(),
          alg: Type.String(),
          use: Type.String(),
          crv: Type.Optional(Type.String()),
          x: Type.Optional(Type.String()),
          y: Type.Optional(Type.String()),
          n: Type.Optional(Type.String()),
          e: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { title: 'Jwks' },
);

export const DevEmailObject = Type.Object(
  {
    object: Type.Literal('dev_email'),
    id: Type.String(),
    to: Type.String(),
    from: Type.String(),
    subject: Type.String(),
    text: Type.String(),
    html: Type.String(),
    template: Type.String(),
    created_at: Timestamp,
  },
  { title: 'DevEmail' },
);

export const SigningKeyRotation = Type.Object({
  object: Type.Literal('signing_key_rotation'),
  kid: Type.String(),
  retired_kid: Nullable(Type.String()),
});

export type InstanceObject = Static<typeof InstanceObject>;
export type SecretKeyObject = Static<typeof SecretKeyObject>;
export type JwksObject = Static<typeof JwksObject>;
export type DevEmailObject = Static<typeof DevEmailObject>;
