/** "Resend" for a code or link, disabled with its countdown while the server would refuse it. */
import { fmt } from '../ui/localization/en-us.ts';

export function ResendButton(props: {
  /** Seconds left before a resend is allowed. */
  wait: number;
  loading: boolean;
  onResend: () => void;
  /** The label, and the one with `{seconds}` shown during the countdown. */
  labels: { resend: string; resendIn: string };
}) {
  return (
    <button type="button" className="gh-link" disabled={props.wait > 0 || props.loading} onClick={props.onResend}>
      {props.wait > 0 ? fmt(props.labels.resendIn, { seconds: props.wait }) : props.labels.resend}
    </button>
  );
}
