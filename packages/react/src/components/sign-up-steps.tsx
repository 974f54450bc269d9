/**
 * What follows an answer to a sign-up, in `<SignUp>` and in the form that completes a
 * provider's sign-up (`sign-up-continue.tsx`): complete, the session is handed over (or, when
 * the instance requires two-step verification, its set-up task shows first); a new address to
 * verify, the email code step; anything else missing is named in the form's alert.
 */
import type { SignUp as SignUpResource } from '@gatehouse/js';
import { type ReactNode, useState } from 'react';
import { useGatehouse, useLocalization } from '../context.ts';
import type { Appearance } from '../ui/appearance.ts';
import type { FormErrorState } from '../ui/form-errors.ts';
import { fmt } from '../ui/localization/en-us.ts';
import { type AfterAuthProps, activateAndContinue, continueAfterAuth } from './finish.ts';
import { SetupMfaTask } from './setup-mfa-task.tsx';
import { SignUpCodeStep } from './sign-up-code-step.tsx';

export function useSignUpSteps(
  props: AfterAuthProps & { appearance?: Appearance | undefined; resendCooldownSeconds?: number | undefined },
  form: Pick<FormErrorState, 'failWith'>,
) {
  const gatehouse = useGatehouse();
  const l = useLocalization();
  /** A sign-up waiting for its email code. */
  const [pending, setPending] = useState<SignUpResource | null>(null);
  /** A pending session (MFA required, none set up): the set-up step shows. */
  const [taskSession, setTaskSession] = useState<string | null>(null);

  const continueWith = async (su: SignUpResource) => {
    if (su.status === 'complete' && su.createdSessionId)
      return activateAndContinue(gatehouse, su.createdSessionId, props, setTaskSession);
    if (su.unverifiedFields.includes('email_address')) return setPending(await su.prepareEmailAddressVerification());
    form.failWith(fmt(l.signUp.missingFields, { fields: su.missingFields.join(', ') }));
  };

  /** The step to show instead of the form, if any. */
  const step: ReactNode = taskSession ? (
    <SetupMfaTask
      sessionId={taskSession}
      appearance={props.appearance}
      onDone={() => continueAfterAuth(gatehouse, taskSession, props)}
    />
  ) : pending ? (
    <SignUpCodeStep
      signUp={pending}
      resendCooldownSeconds={props.resendCooldownSeconds ?? 30}
      appearance={props.appearance}
      onComplete={continueWith}
      onBack={() => setPending(null)}
    />
  ) : null;

  return { continueWith, step, taskSession, setTaskSession };
}
