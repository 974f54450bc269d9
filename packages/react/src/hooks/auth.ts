/**
 * Hooks over the SDK state, shaped like Clerk's: `useAuth`, `useUser`, `useSession`,
 * `useSignIn`, `useSignUp`. Each re-renders when the state it reads changes.
 */
import type { Session, SignIn, SignUp, User } from '@gatehouse/js';
import {
  meetsReverification,
  type ReverificationPreset,
  type ReverificationRequirement,
} from '@gatehouse/shared/reverification';
import { useCallback } from 'react';
import { useGatehouse } from '../context.ts';
import { useGatehouseState } from './use-gatehouse-state.ts';

export type HasParams =
  | { role: string }
  | { permission: string }
  | { reverification: ReverificationPreset | ReverificationRequirement };

export interface UseAuthReturn {
  isLoaded: boolean;
  isSignedIn: boolean | undefined;
  userId: string | null | undefined;
  sessionId: string | null | undefined;
  /** The session token for your API, or null when signed out. */
  getToken: (opts?: { skipCache?: boolean }) => Promise<string | null>;
  signOut: (opts?: { sessionId?: string; redirectUrl?: string }) => Promise<void>;
  /**
   * Authorization from the session: a recent enough factor verification (organization roles
   * and permissions are always false until Gatehouse has organizations).
   */
  has: (params: HasParams) => boolean;
}

/**
 * @example const { isSignedIn, getToken } = useAuth();
 */
export function useAuth(): UseAuthReturn {
  const gatehouse = useGatehouse();
  const { loaded, session, user } = useGatehouseState();
  const getToken = useCallback(
    async (opts?: { skipCache?: boolean }) => (gatehouse.session ? gatehouse.session.getToken(opts) : null),
    [gatehouse],
  );
  const signOut = useCallback(
    (opts?: { sessionId?: string; redirectUrl?: string }) => gatehouse.signOut(opts),
    [gatehouse],
  );
  const has = useCallback(
    (params: HasParams) => {
      if (!session || !('reverification' in params)) return false;
      const [first = -1, second = -1] = session.factorVerificationAge;
      return meetsReverification([first, second], params.reverification);
    },
    [session],
  );
  if (!loaded)
    return { isLoaded: false, isSignedIn: undefined, userId: undefined, sessionId: undefined, getToken, signOut, has };
  return {
    isLoaded: true,
    isSignedIn: session !== null,
    userId: user?.id ?? null,
    sessionId: session?.id ?? null,
    getToken,
    signOut,
    has,
  };
}

export function useUser():
  | { isLoaded: false; isSignedIn: undefined; user: undefined }
  | { isLoaded: true; isSignedIn: boolean; user: User | null } {
  const { loaded, user } = useGatehouseState();
  return loaded
    ? { isLoaded: true, isSignedIn: user !== null, user }
    : { isLoaded: false, isSignedIn: undefined, user: undefined };
}

export function useSession():
  | { isLoaded: false; isSignedIn: undefined; session: undefined }
  | { isLoaded: true; isSignedIn: boolean; session: Session | null } {
  const { loaded, session } = useGatehouseState();
  return loaded
    ? { isLoaded: true, isSignedIn: session !== null, session }
    : { isLoaded: false, isSignedIn: undefined, session: undefined };
}

type SetActive = (params: { session: Session | string | null; redirectUrl?: string }) => Promise<void>;

export function useSignIn():
  | { isLoaded: false; signIn: undefined; setActive: undefined }
  | { isLoaded: true; signIn: SignIn; setActive: SetActive } {
  const gatehouse = useGatehouse();
  const { loaded, signIn } = useGatehouseState();
  const setActive = useCallback<SetActive>((p) => gatehouse.setActive(p), [gatehouse]);
  return loaded ? { isLoaded: true, signIn, setActive } : { isLoaded: false, signIn: undefined, setActive: undefined };
}

export function useSignUp():
  | { isLoaded: false; signUp: undefined; setActive: undefined }
  | { isLoaded: true; signUp: SignUp; setActive: SetActive } {
  const gatehouse = useGatehouse();
  const { loaded, signUp } = useGatehouseState();
  const setActive = useCallback<SetActive>((p) => gatehouse.setActive(p), [gatehouse]);
  return loaded ? { isLoaded: true, signUp, setActive } : { isLoaded: false, signUp: undefined, setActive: undefined };
}
