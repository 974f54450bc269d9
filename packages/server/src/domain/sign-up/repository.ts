/**
 * Storage port of sign-up flows.
 * The conventions every port follows are in `domain/store.ts`.
 */
import type { SignUp } from './sign-up.ts';

export interface SignUpRepository {
  create(s: SignUp): Promise<void>;
  findById(instanceId: string, id: string): Promise<SignUp | null>;
  saveIfVersion(s: SignUp, now: number): Promise<boolean>;
}
