/**
 * Storage port of sign-in flows.
 * The conventions every port follows are in `domain/store.ts`.
 */
import type { SignIn } from './sign-in.ts';

export interface SignInRepository {
  create(s: SignIn): Promise<void>;
  findById(instanceId: string, id: string): Promise<SignIn | null>;
  /** Saves `s` if the stored version is still `s.version`, and bumps it. */
  saveIfVersion(s: SignIn, now: number): Promise<boolean>;
}
