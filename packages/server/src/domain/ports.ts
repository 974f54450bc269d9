/**
 * What the domain needs from the outside world besides storage. Adapters implement these;
 * the domain never imports an adapter.
 */
import type { JWTPayload } from 'jose';
import type { Instance } from './instances/instance.ts';
import type { PasswordStrength } from './policies/password-policy.ts';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(digest: string, password: string): Promise<boolean>;
  /** Costs what a real verification costs; used when there is no account to check against. */
  verifyDummy(password: string): Promise<void>;
  needsRehash(digest: string): boolean;
  /**
   * zxcvbn's estimate for a new password (`estimateStrength` of `policies/password-policy.ts`),
   * computed off the event loop beside hashing: it is CPU-heavy and anyone can trigger it.
   */
  estimateStrength(password: string, userInputs: string[]): Promise<PasswordStrength>;
}

export type TemplateSlug =
  | 'verification_code'
  | 'password_changed'
  | 'new_device_sign_in'
  | 'sign_up_email_taken'
  | 'magic_link'
  | 'account_locked';

export interface OutgoingEmail {
  instance: Instance;
  to: string;
  template: TemplateSlug;
  variables: Record<string, unknown>;
}

export interface Mailer {
  send(mail: OutgoingEmail): Promise<void>;
}

export interface TokenSigner {
  /** Signs with the instance's active key. */
  sign(instance: Instance, claims: JWTPayload): Promise<string>;
}

/** Facts about the HTTP request that domain rules may use, as plain data. */
export interface RequestInfo {
  ip: string;
  userAgent: string | null;
  /** The `Origin` header, when the caller is a browser. */
  origin: string | null;
}

/** Where an IP address is: city and ISO 3166-1 alpha-2 country, each null when unknown. */
export interface GeoLocation {
  city: string | null;
  country: string | null;
}

/** IP geolocation (a local database: no request leaves the server). */
export interface GeoLocator {
  /** Null for private and loopback addresses and for addresses the database does not know. */
  locate(ip: string): GeoLocation | null;
}

/** Where a new password is looked up in a breach corpus (HaveIBeenPwned's range API). */
export interface BreachedPasswordService {
  /** True when found, false when not, null when it could not tell (the caller fails open). */
  isPwned(password: string, opts: { apiBaseUrl: string; timeoutMs: number }): Promise<boolean | null>;
}

/** A bot-protection challenge for a sign-up, issued and redeemed once. */
export interface BotChallenge {
  /** A fresh challenge for the client to solve (ALTCHA), or null when the provider needs none from us. */
  issue(instance: Instance): Promise<Record<string, unknown> | null>;
  /** Throws `captcha_invalid` unless the token is a valid, unused solution; marks it used. */
  redeem(instance: Instance, token: string | undefined, remoteIp: string): Promise<void>;
}

/** Knows which email domains hand out throwaway addresses. */
export interface DisposableDomains {
  /** True when `domain` (or a parent of it) is on the list: the bundled one, or the operator's file at `listPath`. */
  isDisposable(domain: string, listPath: string | null): boolean;
}

export type SmsTemplateSlug = 'verification_code';

export interface OutgoingSms {
  instance: Instance;
  /** E.164. */
  to: string;
  template: SmsTemplateSlug;
  variables: Record<string, unknown>;
}

/** Sends the instance's text messages (dev outbox or an SMS provider); throws `sms_delivery_failed`. */
export interface SmsSender {
  send(sms: OutgoingSms): Promise<void>;
}

/** A budget of points per key and window (the shared rate limiter: memory, or Redis across nodes). */
export interface SendBudget {
  consume(
    bucket: string,
    key: string,
    limit: { points: number; windowSeconds: number },
  ): Promise<{ allowed: boolean; retryAfterMs: number }>;
}

/** Encrypts small secrets we must read back (TOTP secrets) under a key derived from the deployment secret. */
export interface SecretBox {
  /** A compact JWE of `plaintext`, bound to `context` (e.g. the user id) so rows cannot be swapped. */
  seal(plaintext: string, context: string): Promise<string>;
  /** Throws when the box was sealed under another key or another context. */
  open(sealed: string, context: string): Promise<string>;
}
