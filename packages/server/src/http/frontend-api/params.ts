import { Type } from 'typebox';

const Id = Type.String({ minLength: 1, maxLength: 64 });

export const SignInParams = Type.Object({ sign_in_id: Id });
export const SignUpParams = Type.Object({ sign_up_id: Id });
export const SessionParams = Type.Object({ session_id: Id });
export const EmailAddressParams = Type.Object({ email_address_id: Id });
export const PasskeyParams = Type.Object({ passkey_id: Id });

/** Query parameters every Frontend API route accepts (Clerk's SDKs send them). */
export const CommonQuery = Type.Object({
  _is_native: Type.Optional(Type.String({ maxLength: 8 })),
  _clerk_session_id: Type.Optional(Id),
  _clerk_js_version: Type.Optional(Type.String({ maxLength: 64 })),
  __clerk_api_version: Type.Optional(Type.String({ maxLength: 32 })),
});
