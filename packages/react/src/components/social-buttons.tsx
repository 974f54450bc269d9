/**
 * The social provider buttons of `<SignIn>` and `<SignUp>`: one per provider the environment
 * enables for signing in, in its order, each with the provider's mark (inline SVG, no image
 * request) and name, then an "or" divider before the email form. With more than three
 * providers the buttons are marks only, in a row (named by `aria-label` and `title`), as
 * Clerk's. A click starts the provider round trip (`authenticateWithRedirect`); its errors
 * (a provider not set up) show in the form's alert.
 */
import type { Environment, OAuthStrategy, SocialProvider } from '@gatehouse/js';
import { useRef } from 'react';
import { useLocalization } from '../context.ts';
import type { FormErrorState } from '../ui/form-errors.ts';
import { fmt } from '../ui/localization/en-us.ts';
import { ProviderLogo } from '../ui/provider-logos.tsx';
import { useSubmit } from '../ui/use-submit.ts';

/** The providers that sign in and up, in the environment's order. */
export const signInProviders = (environment: Environment): SocialProvider[] =>
  environment.socialProviders.filter((p) => p.authenticatable);

/** The provider's name on buttons and lists: the environment's, else its strategy's id. */
export const providerName = (p: Pick<SocialProvider, 'name' | 'strategy'>): string =>
  p.name || p.strategy.replace(/^oauth_(custom_)?/, '');

const COMPACT_ABOVE = 3;

export function SocialButtons(props: {
  providers: SocialProvider[];
  form: FormErrorState;
  onStart: (strategy: OAuthStrategy) => Promise<void>;
}) {
  const l = useLocalization();
  const chosen = useRef<OAuthStrategy | null>(null);
  const start = useSubmit(props.form, async () => {
    if (chosen.current) await props.onStart(chosen.current);
  });
  if (props.providers.length === 0) return null;
  const compact = props.providers.length > COMPACT_ABOVE;
  return (
    <>
      <div className={`gh-social-buttons${compact ? ' gh-social-buttons-compact' : ''}`}>
        {props.providers.map((p) => {
          const label = fmt(l.social.continueWith, { provider: providerName(p) });
          const busy = start.loading && chosen.current === p.strategy;
          return (
            <button
              key={p.strategy}
              type="button"
              className="gh-button gh-button-secondary gh-social-button"
              data-strategy={p.strategy}
              disabled={start.loading}
              aria-busy={busy || undefined}
              {...(compact && { 'aria-label': label, title: label })}
              onClick={() => {
                chosen.current = p.strategy as OAuthStrategy;
                void start.onSubmit();
              }}
            >
              {busy ? <span className="gh-spinner" aria-hidden="true" /> : <ProviderLogo strategy={p.strategy} />}
              {!compact && <span>{label}</span>}
            </button>
          );
        })}
      </div>
      <p className="gh-divider">
        <span>{l.social.or}</span>
      </p>
    </>
  );
}
