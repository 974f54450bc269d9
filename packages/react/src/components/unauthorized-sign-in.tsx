/**
 * `<UnauthorizedSignIn>`: the page a new-device email's "This wasn't me: sign out that device"
 * link lands on. Shows what the link did (`status`, from the server's redirect) and where to
 * go next: "Sign in" for a signed-out visitor (then on to the devices list), "Review your
 * devices" for a signed-in one. Renders the message at once; the links once the SDK loaded.
 * @example <UnauthorizedSignIn status="revoked" signInUrl="/sign-in?redirect_url=%2Fuser" userProfileUrl="/user" />
 */
import { useLocalization } from '../context.ts';
import { useGatehouseState } from '../hooks/use-gatehouse-state.ts';
import type { Appearance } from '../ui/appearance.ts';
import { Card } from '../ui/card.tsx';

export interface UnauthorizedSignInProps {
  /** What the link did: the device was signed out, or the link was used, expired or changed. */
  status: 'revoked' | 'used' | 'expired' | 'invalid';
  /** The sign-in page, for a signed-out visitor. */
  signInUrl: string;
  /** The account page with the devices list, for a signed-in visitor. */
  userProfileUrl: string;
  /** Shown as the address to write to with questions. */
  supportEmail?: string | null;
  appearance?: Appearance;
}

export function UnauthorizedSignIn(props: UnauthorizedSignInProps) {
  const l = useLocalization().unauthorizedSignIn;
  const { loaded, session } = useGatehouseState();
  const { status } = props;
  // The address is a link inside the translated sentence: split the sentence around it.
  const [supportBefore, supportAfter = ''] = l.support.split('{{supportEmail}}');
  return (
    <Card
      appearance={props.appearance}
      className={`gh-unauthorized-sign-in gh-unauthorized-sign-in-${status}`}
      title={l[`${status}Title`]}
      subtitle={l[`${status}Body`]}
    >
      {props.supportEmail && (
        <p className="gh-footer">
          {supportBefore}
          <a className="gh-link" href={`mailto:${props.supportEmail}`}>
            {props.supportEmail}
          </a>
          {supportAfter}
        </p>
      )}
      {loaded && (
        <p className="gh-footer">
          {session ? (
            <a className="gh-link" href={props.userProfileUrl}>
              {l.reviewDevices}
            </a>
          ) : (
            <a className="gh-link" href={props.signInUrl}>
              {l.signIn}
            </a>
          )}
        </p>
      )}
    </Card>
  );
}
