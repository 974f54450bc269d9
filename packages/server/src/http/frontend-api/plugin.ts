/** The Frontend API: what browsers and native apps call, authenticated by their client token. */
import type { AppDeps } from '../app-deps.ts';
import { emailLinkRoutes } from '../email-link/routes.ts';
import { normalizeBody } from '../normalize-body.ts';
import type { TypedApp } from '../typed-app.ts';
import { unauthorizedSignInRoutes } from '../unauthorized-sign-in/routes.ts';
import { clientRoutes } from './client.ts';
import { installFrontendContext } from './context.ts';
import { environmentRoutes } from './environment.ts';
import { installGeoBlocking } from './geo-blocking.ts';
import { handshakeRoutes } from './handshake.ts';
import { meRoutes } from './me.ts';
import { meEmailAddressRoutes } from './me-email-addresses.ts';
import { meExternalAccountRoutes } from './me-external-accounts.ts';
import { meMfaRoutes } from './me-mfa.ts';
import { mePasskeyRoutes } from './me-passkeys.ts';
import { mePhoneNumberRoutes } from './me-phone-numbers.ts';
import { meSessionRoutes } from './me-sessions.ts';
import { oauthCallbackRoutes } from './oauth-callback.ts';
import { sessionVerificationRoutes } from './session-verification.ts';
import { sessionRoutes } from './sessions.ts';
import { signInResetPasswordRoutes } from './sign-in-reset-password.ts';
import { signInRoutes } from './sign-ins.ts';
import { signUpRoutes } from './sign-ups.ts';

export async function frontendApi(app: TypedApp, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  installFrontendContext(app, deps);
  installGeoBlocking(app, deps);
  app.addHook('preValidation', normalizeBody);
  // CORS preflight for every Frontend API path; the context hook answers it.
  app.options('/v1/client', { schema: { hide: true } }, async () => undefined);
  app.options('/v1/client/*', { schema: { hide: true } }, async () => undefined);
  app.options('/v1/me', { schema: { hide: true } }, async () => undefined);
  app.options('/v1/me/*', { schema: { hide: true } }, async () => undefined);
  app.options('/v1/environment', { schema: { hide: true } }, async () => undefined);
  environmentRoutes(app, deps);
  clientRoutes(app, deps);
  signInRoutes(app, deps);
  signInResetPasswordRoutes(app, deps);
  signUpRoutes(app, deps);
  sessionRoutes(app, deps);
  sessionVerificationRoutes(app, deps);
  handshakeRoutes(app, deps);
  meRoutes(app, deps);
  meSessionRoutes(app, deps);
  unauthorizedSignInRoutes(app, deps);
  emailLinkRoutes(app, deps);
  meEmailAddressRoutes(app, deps);
  mePhoneNumberRoutes(app, deps);
  mePasskeyRoutes(app, deps);
  meMfaRoutes(app, deps);
  meExternalAccountRoutes(app, deps);
  oauthCallbackRoutes(app, deps);
}
