/**
 * `<UserProfile>` in a modal dialog: focus moves into it, Escape or the close button (or a
 * click on the backdrop) closes it, and the opener gets focus back (the caller's `onClose`).
 */
import { useEffect, useRef } from 'react';
import { useLocalization } from '../../context.ts';
import type { Appearance } from '../../ui/appearance.ts';
import { UserProfile } from './user-profile.tsx';

export function UserProfileDialog({
  appearance,
  onClose,
}: {
  appearance: Appearance | undefined;
  onClose: () => void;
}) {
  const l = useLocalization();
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialog.current?.focus();
  }, []);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the backdrop closes on click; the keyboard has Escape.
    <div
      className="gh-dialog-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={dialog}
        className="gh-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={l.userProfile.title}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <button type="button" className="gh-button gh-button-secondary gh-dialog-close" onClick={onClose}>
          {l.userButton.close}
        </button>
        <UserProfile appearance={appearance} afterDelete={onClose} />
      </div>
    </div>
  );
}
