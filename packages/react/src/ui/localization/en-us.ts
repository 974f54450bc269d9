/**
 * Every string the components show, by stable key (the object path). English is the default;
 * pass a partial object to `localization` to override any key, or a whole translation such
 * as `frFR`. `{{name}}` is replaced by a value. `errors` overrides the server's message for an
 * error code (the server's English `long_message` is shown for codes not listed).
 */
export const enUS = {
  locale: 'en-US',
  common: {
    continue: 'Continue',
    optional: 'Optional',
    loading: 'Loading…',
    back: 'Back',
    cancel: 'Cancel',
    save: 'Save',
    saved: 'Saved.',
    remove: 'Remove',
    verify: 'Verify',
    verified: 'Verified',
    unverified: 'Unverified',
    primary: 'Primary',
    showPassword: 'Show password',
  },
  formFields: {
    emailAddress: 'Email address',
    identifier: 'Email address',
    identifierOrUsername: 'Email address or username',
    password: 'Password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    firstName: 'First name',
    lastName: 'Last name',
    username: 'Username',
    code: 'Verification code',
  },
  signIn: {
    title: 'Sign in to {{applicationName}}',
    subtitle: 'Welcome back! Please sign in to continue.',
    passwordTitle: 'Enter your password',
    passwordSubtitle: 'Signing in as {{identifier}}',
    changeIdentifier: 'Use another account',
    noAccount: 'Don’t have an account?',
    signUpLink: 'Sign up',
    unsupportedStep: 'This account needs a sign-in step this form does not support yet.',
    clientTrustTitle: 'Check your email',
    clientTrustSubtitle: 'You’re signing in on a new device. Enter the 6-digit code sent to {{emailAddress}}.',
  },
  signUp: {
    title: 'Create your account',
    subtitle: 'Welcome! Please fill in the details to get started.',
    haveAccount: 'Already have an account?',
    signInLink: 'Sign in',
    missingFields: 'Some required details are missing: {{fields}}.',
    verifyTitle: 'Verify your email',
    verifySubtitle: 'Enter the 6-digit code sent to {{emailAddress}}.',
    resend: 'Resend code',
    resendIn: 'Resend code in {{seconds}} s',
    codeSent: 'A new code is on its way.',
    changeEmail: 'Use another email address',
  },
  userButton: {
    open: 'Open user menu',
    menu: 'User menu',
    manageAccount: 'Manage account',
    signOut: 'Sign out',
    close: 'Close',
  },
  userProfile: {
    title: 'Account',
    subtitle: 'Manage your account information.',
    profileSection: 'Profile',
    emailSection: 'Email addresses',
    addEmail: 'Add email address',
    add: 'Add',
    verifyEmailHint: 'Enter the code sent to {{emailAddress}}.',
    passwordSection: 'Password',
    updatePassword: 'Update password',
    signOutOthers: 'Sign out of all other devices',
    passwordUpdated: 'Your password was updated.',
    sessionsSection: 'Active devices',
    thisDevice: 'This device',
    lastActive: 'Last active {{date}}',
    revoke: 'Sign out',
    deleteSection: 'Delete account',
    deleteDescription: 'Delete your account and all its data. This cannot be undone.',
    deleteConfirmLabel: 'Type “{{phrase}}” to confirm',
    deletePhrase: 'delete account',
    deleteButton: 'Delete account',
  },
  errors: {
    network: 'We couldn’t reach the server. Check your connection and try again.',
    unknown: 'Something went wrong. Please try again.',
  } as Record<string, string>,
};

export type Localization = typeof enUS;

type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]> };

/** A translation or a set of overrides: any subset of the keys. */
export type LocalizationResource = DeepPartial<Omit<Localization, 'errors'>> & { errors?: Record<string, string> };

/** Replaces `{{name}}` with `vars.name`. */
export const fmt = (template: string, vars: Record<string, string | number> = {}): string =>
  template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));

/** English with `resources` laid over it, key by key, later ones winning. */
export function mergeLocalization(...resources: (LocalizationResource | undefined)[]): Localization {
  const out = structuredClone(enUS) as Record<string, unknown>;
  for (const r of resources) {
    if (!r) continue;
    for (const [section, value] of Object.entries(r)) {
      if (typeof value === 'string') out[section] = value;
      else if (value) out[section] = { ...(out[section] as object), ...value };
    }
  }
  return out as Localization;
}
