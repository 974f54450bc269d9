import { Type } from 'typebox';

const Id = Type.String({ minLength: 1, maxLength: 64 });

export const SignInParams = Type.Object({ sign_in_id: Id });
export const SignUpParams = Type.Object({ sign_up_id: Id });
export const SessionParams = Type.Object({ session_id: Id });
export const EmailAddressParams = Type.Object({ email_address_id: Id });
export const PasskeyParams = Type.Object({ passkey_id: Id });
export const ExternalAccountParams = Type.Object({ external_account_id: Id });

/** Query parameters every Frontend API route accepts (Clerk's SDKs send them). */
export const CommonQuery = Type.Object({
  _is_native: Type.Optional(Type.String({ maxLength: 8 })),
  _clerk_session_id: Type.Optional(Id),
  _clerk_js_version: Type.Optional(Type.String({ maxLength: 64 })),
  __clerk_api_version: Type.Optional(Type.String({ maxLength: 32 })),
});

/** `strategy=oauth_*` and `transfer`, on sign-in and sign-up creation alike (Clerk's parameters). */
export const SocialCreateFields = {
  redirect_url: Type.Optional(
    Type.String({
      maxLength: 2048,
      description: '`oauth_*`: where the browser comes back after the provider (absolute, on an allowed origin).',
    }),
  ),
  action_complete_redirect_url: Type.Optional(
    Type.String({
      maxLength: 2048,
      description: '`oauth_*`: where the browser goes instead when the provider round trip completed the flow.',
    }),
  ),
  transfer: Type.Optional(
    Type.Boolean({
      description:
        'Take over the provider account the client’s other flow found: a sign-up for a sign-in’s unknown account, a sign-in for a sign-up’s existing one.',
    }),
  ),
};
