/**
 * Everything domain flows may use, built once in `app.ts`. Each flow declares the slice it
 * needs (`Pick<Deps, ...>`), which keeps its tests small and its reach visible.
 */
import type { Clock } from './clock.ts';
import type { Mailer, PasswordHasher, TokenSigner } from './ports.ts';
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
}
