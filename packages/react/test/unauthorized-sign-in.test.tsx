// @vitest-environment happy-dom
/**
 * `<UnauthorizedSignIn>`: the outcome of a "This wasn't me" link in the instance's words, the
 * support address as a link inside the (translated) sentence, and the next step: sign-in for a
 * signed-out visitor, the devices list for a signed-in one.
 */
import { screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frFR, UnauthorizedSignIn } from '../src/index.ts';
import { newGatehouse, renderWith, signedInGatehouse } from './helpers.tsx';
import { PASSWORD, type RemoteServer, startRemoteServer, uniqueEmail } from './remote-server.ts';

let server: RemoteServer;
beforeAll(async () => {
  server = await startRemoteServer();
});
afterAll(() => server.close());

const props = { signInUrl: '/sign-in?redirect_url=%2Fuser', userProfileUrl: '/user' };

describe('<UnauthorizedSignIn>', () => {
  it('tells a signed-out visitor the device was signed out, and offers sign-in', async () => {
    renderWith(newGatehouse(server), <UnauthorizedSignIn status="revoked" supportEmail="help@acme.test" {...props} />);
    expect(screen.getByRole('heading', { name: 'That device was signed out' })).toBeTruthy();
    expect(screen.getByText(/that device must sign in again/)).toBeTruthy();
    const support = screen.getByRole('link', { name: 'help@acme.test' });
    expect(support.getAttribute('href')).toBe('mailto:help@acme.test');
    expect(support.parentElement?.textContent).toBe('Questions? Write to help@acme.test.');
    const signIn = await screen.findByRole('link', { name: 'Sign in' });
    expect(signIn.getAttribute('href')).toBe(props.signInUrl);
    expect(screen.queryByRole('link', { name: 'Review your devices' })).toBeNull();
  });

  it.each([
    ['used', 'This link was already used'],
    ['expired', 'This link has expired'],
    ['invalid', 'This link is not valid'],
  ] as const)('says what a %s link means', (status, title) => {
    renderWith(newGatehouse(server), <UnauthorizedSignIn status={status} {...props} />);
    expect(screen.getByRole('heading', { name: title })).toBeTruthy();
    expect(screen.queryByText(/Questions\?/)).toBeNull();
  });

  it('offers a signed-in visitor the devices list, in French with frFR', async () => {
    const gatehouse = await signedInGatehouse(server, uniqueEmail('reported'), PASSWORD);
    renderWith(gatehouse, <UnauthorizedSignIn status="revoked" supportEmail="aide@acme.test" {...props} />, {
      localization: frFR,
    });
    expect(screen.getByRole('heading', { name: 'Cet appareil a été déconnecté' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'aide@acme.test' }).parentElement?.textContent).toBe(
      'Des questions ? Écrivez à aide@acme.test.',
    );
    expect((await screen.findByRole('link', { name: 'Vérifier vos appareils' })).getAttribute('href')).toBe('/user');
    expect(screen.queryByRole('link', { name: 'Se connecter' })).toBeNull();
  });
});
