import { type TSchema, Type } from 'typebox';

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** Milliseconds since the Unix epoch, as Clerk's APIs use. */
export const Timestamp = Type.Integer({ description: 'Milliseconds since the Unix epoch.' });

export const Metadata = Type.Record(Type.String(), Type.Unknown(), {
  description: 'Free-form JSON object.',
});

export const ErrorEntry = Type.Object(
  {
    code: Type.String({ description: 'Stable machine-readable code; see docs/errors.md.' }),
    message: Type.String(),
    long_message: Type.String(),
    meta: Type.Record(Type.String(), Type.Unknown()),
  },
  { title: 'Error' },
);

export const ErrorResponse = Type.Object(
  {
    errors: Type.Array(ErrorEntry),
    clerk_trace_id: Type.Optional(Type.String({ description: 'The request id, for support.' })),
  },
  { title: 'Errors' },
);

export const DeletedObject = Type.Object({
  object: Type.String(),
  id: Type.String(),
  deleted: Type.Literal(true),
});

export const TotalCount = Type.Object({
  object: Type.Literal('total_count'),
  total_count: Type.Integer(),
});

export const Verification = Type.Object(
  {
    object: Type.String({ examples: ['verification_otp', 'verification_password', 'verification_admin'] }),
    status: Type.Union([
      Type.Literal('unverified'),
      Type.Literal('verified'),
      Type.Literal('failed'),
      Type.Literal('expired'),
      Type.Literal('transferable'),
    ]),
    strategy: Type.String(),
    attempts: Nullable(Type.Integer()),
    expire_at: Nullable(Timestamp),
    external_verification_redirect_url: Type.Optional(
      Nullable(
        Type.String({
          description:
            "`oauth_*`: where to send the browser (the provider's authorization page); null once the provider called back.",
        }),
      ),
    ),
    /** `oauth_*`: why the provider round trip failed (e.g. `oauth_access_denied`). */
    error: Type.Optional(Nullable(ErrorEntry)),
    nonce: Type.Optional(
      Type.String({
        description:
          '`passkey`: the WebAuthn options (JSON) to pass to the browser: request options at sign-in, creation options when adding one.',
      }),
    ),
  },
  { title: 'Verification' },
);
