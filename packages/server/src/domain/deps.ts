/**
 * Everything domain flows may use, built once in `app.ts`. Each flow declares the slice it
 * needs (`Pick<Deps, ...>`), which keeps its tests small and its reach visible.
 */
import type { Clock } from './clock.ts';
import type { OAuthGateway } from './external-accounts/oauth-gateway.ts';
import type {
  BotChallenge,
  BreachedPasswordService,
  DisposableDomains,
  GeoLocator,
  Mailer,
  PasswordHasher,
  SecretBox,
  SendBudget,
  SmsSender,
  TokenSigner,
} from './ports.ts';
import type { Random } from './random.ts';
import type { Store } from './store.ts';

export interface Deps {
  clock: Clock;
  random: Random;
  store: Store;
  hasher: PasswordHasher;
  mailer: Mailer;
  signer: TokenSigner;
  /** Key for HMAC of one-time codes, derived from the deployment secret. */
  codeKey: Uint8Array;
  /** HaveIBeenPwned range lookups for new passwords, where the instance enables them. */
  pwnedPasswords: BreachedPasswordService;
  /** IP geolocation for session devices, new-device alerts and geo blocking. */
  geo: GeoLocator;
  /** Sign-up bot protection (ALTCHA or Turnstile), where the instance enables it. */
  botChallenge: BotChallenge;
  disposableDomains: DisposableDomains;
  /** Text messages: the dev outbox on development instances, the SMS provider on production ones. */
  sms: SmsSender;
  /** Per-key budgets (SMS sends per number and per IP). */
  rateLimiter: SendBudget;
  /** Encrypts stored secrets that must be read back (TOTP secrets). */
  secretBox: SecretBox;
  /** Social providers (OAuth 2.0, OpenID Connect). */
  oauth: OAuthGateway;
}
