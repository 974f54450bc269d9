import { type Static, Type } from 'typebox';
import { Metadata, Nullable, Timestamp, Verification } from './common.ts';

/**
 * A social account connected to a user, in Clerk's shape. `provider` is the strategy
 * (`oauth_google`, `oauth_custom_acme`). Provider tokens never appear here: the app reads them
 * with the Backend API's `GET /v1/users/{id}/oauth_access_tokens/{provider}`.
 */
export const ExternalAccountObject = Type.Object(
  {
    object: Type.Literal('external_account'),
    id: Type.String(),
    provider: Type.String({ examples: ['oauth_google'] }),
    identification_id: Type.String(),
    provider_user_id: Type.String(),
    approved_scopes: Type.String({ description: 'Space-separated scopes the provider granted.' }),
    email_address: Type.String(),
    first_name: Type.String(),
    last_name: Type.String(),
    avatar_url: Type.String(),
    image_url: Type.String(),
    username: Nullable(Type.String()),
    phone_number: Nullable(Type.String()),
    public_metadata: Metadata,
    label: Nullable(Type.String()),
    verification: Nullable(Verification),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: 'ExternalAccount' },
);

export type ExternalAccountObject = Static<typeof ExternalAccountObject>;

/** An enabled social provider in the environment (`user_settings.social[strategy]`), in Clerk's shape. */
export const SocialProviderObject = Type.Object(
  {
    enabled: Type.Boolean(),
    required: Type.Boolean(),
    authenticatable: Type.Boolean(),
    block_email_subdomains: Type.Boolean(),
    strategy: Type.String(),
    not_selectable: Type.Boolean(),
    deprecated: Type.Boolean(),
    name: Type.String(),
    logo_url: Nullable(Type.String({ description: 'The bundled SVG logo, served by the Frontend API host.' })),
  },
  { title: 'SocialProvider' },
);

export type SocialProviderObject = Static<typeof SocialProviderObject>;

/** `GET /v1/users/{id}/oauth_access_tokens/{provider}` (Backend API), in Clerk's shape. */
export const OAuthAccessTokenObject = Type.Object(
  {
    object: Type.Literal('oauth_access_token'),
    external_account_id: Type.String(),
    provider_user_id: Type.String(),
    token: Type.String(),
    provider: Type.String(),
    public_metadata: Metadata,
    label: Nullable(Type.String()),
    scopes: Type.Array(Type.String()),
    token_secret: Type.Optional(Type.String()),
    expires_at: Nullable(Timestamp),
    id_token: Type.Optional(Type.String()),
  },
  { title: 'OAuthAccessToken' },
);

export type OAuthAccessTokenObject = Static<typeof OAuthAccessTokenObject>;
