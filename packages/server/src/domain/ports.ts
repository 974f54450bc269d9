/**
 * What the domain needs from the outside world besides storage. Adapters implement these;
 * the domain never imports an adapter.
 */
import type { JWTPayload } from 'jose';
import type { Instance } from './instances/instance.ts';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(digest: string, password: string): Promise<boolean>;
  /** Costs what a real verification costs; used when there is no account to check against. */
  verifyDummy(password: string): Promise<void>;
  needsRehash(digest: string): boolean;
}

export type TemplateSlug = 'verification_code' | 'password_changed';

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
