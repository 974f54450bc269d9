/**
 * The user's connected social accounts (shown when the instance offers a provider, or the user
 * has an account connected): each with its provider's mark and name and the account's email;
 * "Reconnect" when its verification is not verified (a round trip that failed or never
 * finished, its error shown), "Remove" (refused for the user's last way to sign in:
 * `external_account_last_sign_in_method`, shown in the alert). "Connect account" opens a menu
 * of the enabled providers not connected yet; choosing one sends the browser to the provider,
 * which sends it back to this page with the account connected. Changes go through the
 * reverification dialog when the instance asks for one.
 */
import {
  type Environment,
  type ExternalAccount,
  GatehouseAPIError,
  type OAuthStrategy,
  type User,
} from '@gatehouse/js';
import { useState } from 'react';
import { useGatehouse, useLocalization } from '../../context.ts';
import { Alert } from '../../ui/card.tsx';
import { toFormErrors, useFormErrors } from '../../ui/form-errors.ts';
import { ProviderLogo } from '../../ui/provider-logos.tsx';
import { providerName } from '../social-buttons.tsx';
import { useMenuButton } from '../use-menu-button.ts';
import { useReverification } from './reverification.tsx';
import { Section } from './section.tsx';

export function ConnectedAccountsSection({ user, environment }: { user: User; environment: Environment }) {
  const gatehouse = useGatehouse();
  const l = useLocalization();
  const form = useFormErrors([]);
  const reverify = useReverification();
  const [busy, setBusy] = useState(false);
  const { open, setOpen, rootRef, buttonProps, menuProps } = useMenuButton();

  const nameOf = (strategy: string) => {
    const p = environment.userSettings.social[strategy];
    return providerName({ name: p?.name ?? '', strategy });
  };
  const connected = new Set(user.externalAccounts.map((a) => a.strategy));
  const connectable = environment.socialProviders.filter((p) => !connected.has(p.strategy as OAuthStrategy));

  /** Runs one action at a time; its error shows in the alert. */
  const run = (fn: () => Promise<unknown>) => {
    if (busy) return;
    form.clear();
    setBusy(true);
    fn()
      .catch(form.fail)
      .finally(() => setBusy(false));
  };
  /** The provider's page of a connection just started, followed. */
  const follow = async (account: ExternalAccount) => {
    const url = account.verification?.externalVerificationRedirectURL;
    if (!url) throw new TypeError('The server sent no provider authorization URL.');
    await gatehouse.navigate(url.href);
  };
  const here = () => window.location.href;
  const connect = (strategy: OAuthStrategy) => {
    setOpen(false);
    run(async () => follow(await reverify(() => user.createExternalAccount({ strategy, redirectUrl: here() }))));
  };
  const reconnect = (account: ExternalAccount) =>
    run(async () => follow(await reverify(() => account.reauthorize({ redirectUrl: here() }))));
  const remove = (account: ExternalAccount) => run(() => reverify(() => account.destroy()));

  return (
    <Section title={l.connectedAccounts.section} className="gh-connected-accounts-section">
      <Alert message={form.errors.general} />
      {user.externalAccounts.length === 0 && <p className="gh-muted">{l.connectedAccounts.none}</p>}
      <ul className="gh-list">
        {user.externalAccounts.map((a) => {
          const name = nameOf(a.strategy);
          const failure = a.verification?.error;
          return (
            <li key={a.id} className="gh-list-item gh-external-account" data-strategy={a.strategy}>
              <span className="gh-external-account-name">
                <ProviderLogo strategy={a.strategy} />
                <span>{name}</span>
                <span className="gh-muted">{a.emailAddress || a.accountIdentifier()}</span>
              </span>
              {!a.isVerified && <span className="gh-badge">{l.connectedAccounts.requiresAction}</span>}
              {failure && (
                <span className="gh-field-error">
                  {toFormErrors(new GatehouseAPIError(422, [failure]), [], l).general}
                </span>
              )}
              <span>
                {!a.isVerified && (
                  <button
                    type="button"
                    className="gh-link"
                    disabled={busy}
                    onClick={() => reconnect(a)}
                    aria-label={`${l.connectedAccounts.reconnect} ${name}`}
                  >
                    {l.connectedAccounts.reconnect}
                  </button>
                )}{' '}
                <button
                  type="button"
                  className="gh-link gh-link-danger"
                  disabled={busy}
                  onClick={() => remove(a)}
                  aria-label={`${l.common.remove} ${name}`}
                >
                  {l.common.remove}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      {connectable.length > 0 && (
        <div ref={rootRef} className="gh-connect-menu">
          <button
            {...buttonProps}
            type="button"
            className="gh-button gh-button-secondary gh-connect-account"
            disabled={busy}
          >
            {l.connectedAccounts.connect}
          </button>
          {open && (
            <div
              {...menuProps}
              role="menu"
              aria-label={l.connectedAccounts.connectMenu}
              className="gh-menu gh-connect-menu-list"
            >
              {connectable.map((p) => (
                <button
                  key={p.strategy}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className="gh-menu-item gh-connect-provider"
                  onClick={() => connect(p.strategy as OAuthStrategy)}
                >
                  <ProviderLogo strategy={p.strategy} />
                  <span>{providerName(p)}</span>
                </button>
              ))}
            </div>
          )}
        </div>
      )}
    </Section>
  );
}
