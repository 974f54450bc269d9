'use client';
/**
 * @gatehouse/react: hooks, control components and ready-made UI over @gatehouse/js.
 * @example
 * <GatehouseProvider publishableKey="pk_test_...">
 *   <SignedOut><SignIn afterSignIn={() => navigate('/')} /></SignedOut>
 *   <SignedIn><UserButton /></SignedIn>
 * </GatehouseProvider>
 */
export {
  AuthenticateWithRedirectCallback,
  type AuthenticateWithRedirectCallbackProps,
} from './components/authenticate-with-redirect-callback.tsx';
export { SignIn, type SignInProps } from './components/sign-in.tsx';
export { SignUp, type SignUpProps } from './components/sign-up.tsx';
export { UnauthorizedSignIn, type UnauthorizedSignInProps } from './components/unauthorized-sign-in.tsx';
export { UserButton, type UserButtonProps } from './components/user-button.tsx';
export {
  ReverificationBoundary,
  type Reverify,
  useReverification,
} from './components/user-profile/reverification.tsx';
export { UserProfile, type UserProfileProps } from './components/user-profile/user-profile.tsx';
export { useGatehouse, useLocalization } from './context.ts';
export { Protect, type ProtectProps } from './control/protect.tsx';
export { RedirectToSignIn } from './control/redirect-to-sign-in.tsx';
export { SignedIn, SignedOut } from './control/signed-in-out.tsx';
export {
  type HasParams,
  type UseAuthReturn,
  useAuth,
  useSession,
  useSignIn,
  useSignUp,
  useUser,
} from './hooks/auth.ts';
export { useGatehouseState } from './hooks/use-gatehouse-state.ts';
export { GatehouseProvider, type GatehouseProviderProps } from './provider.tsx';
export type { Appearance, AppearanceVariables } from './ui/appearance.ts';
export { enUS, type Localization, type LocalizationResource } from './ui/localization/en-us.ts';
export { frFR } from './ui/localization/fr-fr.ts';
