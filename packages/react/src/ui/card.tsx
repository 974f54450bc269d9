/** The building blocks every component shares: the themed root card, the alert, the submit button. */
import type { ReactNode } from 'react';
import { useUi } from '../context.ts';
import { type Appearance, appearanceStyle } from './appearance.ts';
import { useGatehouseStyles } from './styles.ts';

export function Card(props: {
  appearance?: Appearance | undefined;
  className?: string;
  title?: ReactNode;
  subtitle?: ReactNode;
  children?: ReactNode;
  labelledBy?: string;
}) {
  useGatehouseStyles();
  const ui = useUi();
  const extra = [props.className, ui.appearance?.rootClassName, props.appearance?.rootClassName].filter(Boolean);
  return (
    <div
      className={['gh-root', 'gh-card', ...extra].join(' ')}
      style={appearanceStyle(ui.appearance, props.appearance)}
      lang={ui.localization.locale}
    >
      {props.title && (
        <h1 className="gh-title" id={props.labelledBy}>
          {props.title}
        </h1>
      )}
      {props.subtitle && <p className="gh-subtitle">{props.subtitle}</p>}
      {props.children}
    </div>
  );
}

/** The form's general error, announced when it appears. */
export function Alert({ message }: { message: string | null }) {
  return message ? (
    <div className="gh-alert" role="alert">
      {message}
    </div>
  ) : null;
}

/** A success message, announced politely. */
export function Status({ message }: { message: string | null }) {
  return (
    <p className="gh-status" role="status">
      {message}
    </p>
  );
}

export function SubmitButton(props: {
  loading: boolean;
  children: ReactNode;
  variant?: 'primary' | 'danger';
  disabled?: boolean;
}) {
  return (
    <button
      type="submit"
      className={`gh-button${props.variant === 'danger' ? ' gh-button-danger' : ''}`}
      disabled={props.loading || props.disabled}
      aria-busy={props.loading || undefined}
    >
      {props.loading && <span className="gh-spinner" aria-hidden="true" />}
      {props.children}
    </button>
  );
}
