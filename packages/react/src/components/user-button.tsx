/**
 * `<UserButton>`: the signed-in user's avatar; it opens a menu with their name and email,
 * "Manage account" (a link to `userProfileUrl`, or `<UserProfile>` in a dialog) and "Sign out".
 * Operable by keyboard (see use-menu-button.ts); renders nothing when signed out.
 */
import { useState } from 'react';
import { useGatehouse, useLocalization, useUi } from '../context.ts';
import { useGatehouseState } from '../hooks/use-gatehouse-state.ts';
import { type Appearance, appearanceStyle } from '../ui/appearance.ts';
import { useGatehouseStyles } from '../ui/styles.ts';
import { Avatar } from './avatar.tsx';
import { useMenuButton } from './use-menu-button.ts';
import { UserProfileDialog } from './user-profile/dialog.tsx';

export interface UserButtonProps {
  /** Your account page; without it, "Manage account" opens `<UserProfile>` in a dialog. */
  userProfileUrl?: string;
  /** Where to go after signing out. */
  afterSignOutUrl?: string;
  /** Called once signed out (instead of following `afterSignOutUrl`). */
  onSignOut?: () => void;
  /** Show the user's name beside the avatar. */
  showName?: boolean;
  appearance?: Appearance;
}

export function UserButton(props: UserButtonProps) {
  useGatehouseStyles();
  const gatehouse = useGatehouse();
  const l = useLocalization();
  const ui = useUi();
  const { user } = useGatehouseState();
  const [dialog, setDialog] = useState(false);
  const { open, setOpen, rootRef, buttonRef, buttonProps, menuProps } = useMenuButton();

  if (!user) return null;
  const email = user.primaryEmailAddress?.emailAddress ?? null;

  const signOut = async () => {
    setOpen(false);
    await gatehouse.signOut(props.onSignOut || !props.afterSignOutUrl ? {} : { redirectUrl: props.afterSignOutUrl });
    props.onSignOut?.();
  };

  return (
    <div ref={rootRef} className="gh-root gh-user-button" style={appearanceStyle(ui.appearance, props.appearance)}>
      <button {...buttonProps} type="button" className="gh-avatar-button" aria-label={l.userButton.open}>
        <Avatar user={user} />
        {props.showName && <span className="gh-user-name">{user.fullName ?? email}</span>}
      </button>
      {open && (
        <div {...menuProps} role="menu" aria-label={l.userButton.menu} className="gh-menu">
          <div className="gh-menu-header" role="none">
            {user.fullName && <div>{user.fullName}</div>}
            {email && <div className="gh-subtitle">{email}</div>}
          </div>
          {props.userProfileUrl ? (
            <a role="menuitem" tabIndex={-1} className="gh-menu-item" href={props.userProfileUrl}>
              {l.userButton.manageAccount}
            </a>
          ) : (
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="gh-menu-item"
              onClick={() => {
                setOpen(false);
                setDialog(true);
              }}
            >
              {l.userButton.manageAccount}
            </button>
          )}
          <button type="button" role="menuitem" tabIndex={-1} className="gh-menu-item" onClick={() => void signOut()}>
            {l.userButton.signOut}
          </button>
        </div>
      )}
      {dialog && (
        <UserProfileDialog
          appearance={props.appearance}
          onClose={() => {
            setDialog(false);
            buttonRef.current?.focus();
          }}
        />
      )}
    </div>
  );
}
