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
    identifierOrPhone: 'Email address or phone number',
    identifierOrUsernameOrPhone: 'Email address, username or phone number',
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
    phoneCodeTitle: 'Check your phone',
    phoneCodeSubtitle: 'We sent a 6-digit code to {{phoneNumber}}.',
    emailCodeTitle: 'Check your email',
    emailCodeSubtitle: 'We sent a 6-digit code to {{emailAddress}}.',
    useEmailCode: 'Use a code sent to your email instead',
    useAnotherMethod: 'Use another method',
    otherMethodsTitle: 'Use another method',
    otherMethodsSubtitle: 'Facing issues? You can use any of these methods to sign in.',
    methodPassword: 'Sign in with your password',
    methodEmailCode: 'Email code to {{identifier}}',
    methodEmailLink: 'Email link to {{identifier}}',
    methodPhoneCode: 'Send SMS code to {{identifier}}',
    methodPasskey: 'Sign in with your passkey',
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
    continueTitle: 'Fill in missing fields',
    continueSubtitle: 'Please fill in the remaining details to continue.',
  },
  /** The social provider buttons of sign-in and sign-up, and the page a provider sends the browser back to. */
  social: {
    continueWith: 'Continue with {{provider}}',
    or: 'or',
    backToSignIn: 'Back to sign in',
  },
  userButton: {
    open: 'Open user menu',
    menu: 'User menu',
    manageAccount: 'Manage account',
    signOut: 'Sign out',
    close: 'Close',
  },
  mfa: {
    section: 'Two-step verification',
    authenticatorApp: 'Authenticator app',
    enabled: 'On',
    addAuthenticator: 'Add an authenticator app',
    scanHint: 'Scan this QR code with your authenticator app, then enter the 6-digit code it shows.',
    qrCodeAlt: 'QR code for your authenticator app',
    cannotScan: 'Can’t scan the code?',
    openInApp: 'Open in an authenticator app on this device',
    backupCodesTitle: 'Backup codes',
    backupCodesHint:
      'Keep these backup codes somewhere safe. Each one signs you in once if you lose your authenticator. They are shown only now.',
    copyCodes: 'Copy codes',
    downloadCodes: 'Download codes',
    copied: 'Copied.',
    regenerateCodes: 'Generate new codes',
    signInTitle: 'Two-step verification',
    totpSubtitle: 'Enter the 6-digit code from your authenticator app.',
    smsSubtitle: 'We text a 6-digit code to {{phoneNumber}}.',
    smsSent: 'A code was sent to {{phoneNumber}}.',
    sendSms: 'Text me a code',
    backupCodeSubtitle: 'Enter one of your backup codes.',
    backupCodeLabel: 'Backup code',
    useTotp: 'Use your authenticator app',
    useSms: 'Text a code to {{phoneNumber}}',
    useBackupCode: 'Use a backup code',
    setupTitle: 'Set up two-step verification',
    setupSubtitle: 'This application asks for a second step at sign-in. Add an authenticator app to continue.',
    signOut: 'Sign out',
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
    /** A session's device: `Chrome 120 on macOS`. */
    deviceBrowserOnOs: '{{browser}} on {{os}}',
    unknownDevice: 'Unknown device',
    ipAddress: 'IP address {{ipAddress}}',
    revoke: 'Sign out',
    deleteSection: 'Delete account',
    deleteDescription: 'Delete your account and all its data. This cannot be undone.',
    deleteConfirmLabel: 'Type “{{phrase}}” to confirm',
    deletePhrase: 'delete account',
    deleteButton: 'Delete account',
  },
  phoneNumbers: {
    section: 'Phone numbers',
    none: 'No phone numbers yet.',
    addLabel: 'Add phone number',
    addHint: 'With + and the country code, e.g. +1 415 555 0123.',
    formatInvalid: 'Enter the number with + and its country code, e.g. +14155550123.',
    verifyHint: 'Enter the code sent to {{phoneNumber}}.',
    secondFactorBadge: 'Two-step verification',
    smsCode: 'Text message (SMS) code',
    smsCodeTo: 'Codes sent to {{phoneNumber}}',
    defaultBadge: 'Default',
    makeDefault: 'Make default',
    addSms: 'Receive codes by text message',
    addAnother: 'Use another number',
    chooseNumber: 'Which number should receive the codes?',
    useNumber: 'Use {{phoneNumber}}',
  },
  connectedAccounts: {
    section: 'Connected accounts',
    none: 'No connected accounts yet.',
    connect: 'Connect account',
    connectMenu: 'Providers to connect',
    reconnect: 'Reconnect',
    requiresAction: 'Requires action',
  },
  passkeys: {
    signInButton: 'Sign in with a passkey',
    section: 'Passkeys',
    add: 'Add a passkey',
    rename: 'Rename',
    nameLabel: 'Passkey name',
    lastUsed: 'Last used {{date}}',
    neverUsed: 'Never used',
    none: 'No passkeys yet.',
    cancelled: 'The passkey prompt was closed. Try again when you are ready.',
  },
  emailLink: {
    useLink: 'Email me a sign-in link',
    title: 'Check your email',
    subtitle: 'We sent a sign-in link to {{emailAddress}}. Open it in this browser; this page continues on its own.',
    resend: 'Resend link',
    resendIn: 'Resend link in {{seconds}} s',
    expired: 'The link has expired. Ask for a new one.',
    verifiedElsewhere: 'Signed in on another tab or device. You can close this page.',
  },
  reverification: {
    title: 'Verify it’s you',
    passwordDescription: 'Enter your password to continue.',
    codeDescription: 'Enter the code sent to {{emailAddress}} to continue.',
    unavailable: 'This account cannot be verified here. Sign out, then sign in again.',
  },
  /** The page a new-device email's "This wasn't me" link lands on, by the link's outcome. */
  unauthorizedSignIn: {
    revokedTitle: 'That device was signed out',
    revokedBody:
      'The sign-in you reported was ended: that device must sign in again. If you did not sign in, change your password now.',
    usedTitle: 'This link was already used',
    usedBody:
      'The sign-in it reported was already signed out. A link works once. If you still see activity you do not recognise, change your password.',
    expiredTitle: 'This link has expired',
    expiredBody:
      'Links to sign out a device work for 7 days. Sign in and review your devices in your account settings.',
    invalidTitle: 'This link is not valid',
    invalidBody:
      'It may have been changed or cut short. Open the link from the email again, or sign in and review your devices in your account settings.',
    support: 'Questions? Write to {{supportEmail}}.',
    signIn: 'Sign in',
    reviewDevices: 'Review your devices',
  },
  errors: {
    network: 'We couldn’t reach the server. Check your connection and try again.',
    unknown: 'Something went wrong. Please try again.',
    oauth_access_denied: 'You cancelled signing in with the provider, or it refused access.',
    oauth_callback_invalid: 'This sign-in link from the provider is invalid, expired or already used. Start again.',
    oauth_provider_error: 'The provider could not complete the sign-in. Try again later.',
    oauth_provider_not_configured: 'This provider is not set up for this application.',
    external_account_exists: 'This provider account is already connected to another account.',
    external_account_last_sign_in_method:
      'This is your only way to sign in: add a password or another method before disconnecting it.',
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
