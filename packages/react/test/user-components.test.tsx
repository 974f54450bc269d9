// @vitest-environment happy-dom
/**
 * <UserButton> and <UserProfile> against a real server: the menu by keyboard and sign-out
 * through it, a name change saved from the profile, the email and device lists, a password
 * change error beside its field; and the French localization rendering French labels.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frFR, SignedOut, SignIn, SignUp, UserButton, UserProfile } from '../src/index.ts';
import { newGatehouse, renderWith, signedInGatehouse } from './helpers.tsx';
import { PASSWORD, type RemoteServer, startRemoteServer, uniqueEmail } from './remote-server.ts';

let server: RemoteServer;
beforeAll(async () => {
  server = await startRemoteServer();
});
afterAll(() => server.close());

describe('<UserButton>', () => {
  it('opens its menu from the keyboard, moves with the arrows, closes on Escape, and signs out', async () => {
    const email = uniqueEmail('button');
    const gatehouse = await signedInGatehouse(server, email, PASSWORD);
    await gatehouse.user!.update({ firstName: 'Ada', lastName: 'Lovelace' });
    const sessionId = gatehouse.session!.id;
    renderWith(
      gatehouse,
      <>
        <UserButton />
        <SignedOut>
          <p>signed out</p>
        </SignedOut>
      </>,
    );
    const button = await screen.findByRole('button', { name: 'Open user menu' });
    expect(button.textContent).toBe('AL');
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');

    fireEvent.keyDown(button, { key: 'ArrowDown' });
    const menu = await screen.findByRole('menu', { name: 'User menu' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(within(menu).getByText(email)).toBeTruthy();
    const [manage, signOut] = within(menu).getAllByRole('menuitem');
    await waitFor(() => expect(document.activeElement).toBe(manage));
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(signOut);
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(manage);
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);

    fireEvent.keyDown(button, { key: 'ArrowUp' });
    const again = await screen.findByRole('menu');
    const last = within(again).getByRole('menuitem', { name: 'Sign out' });
    await waitFor(() => expect(document.activeElement).toBe(last));
    fireEvent.click(last);
    expect(await screen.findByText('signed out')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Open user menu' })).toBeNull();
    expect(gatehouse.isSignedIn).toBe(false);
    expect((await server.backend('GET', `/v1/sessions/${sessionId}`)).body.status).toBe('ended');
  });

  it('opens <UserProfile> in a dialog from "Manage account"', async () => {
    const gatehouse = await signedInGatehouse(server, uniqueEmail('dialog'), PASSWORD);
    renderWith(gatehouse, <UserButton />);
    fireEvent.click(await screen.findByRole('button', { name: 'Open user menu' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Manage account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Account' });
    expect(within(dialog).getByRole('heading', { name: 'Password' })).toBeTruthy();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('<UserProfile>', () => {
  it('saves a name change; the state and the server follow', async () => {
    const email = uniqueEmail('profile');
    const gatehouse = await signedInGatehouse(server, email, PASSWORD);
    renderWith(gatehouse, <UserProfile />);
    const profile = await screen.findByRole('region', { name: 'Profile' });
    fireEvent.change(within(profile).getByLabelText(/^First name/), { target: { value: 'Grace' } });
    fireEvent.change(within(profile).getByLabelText(/^Last name/), { target: { value: 'Hopper' } });
    fireEvent.click(within(profile).getByRole('button', { name: 'Save' }));
    expect(await within(profile).findByText('Saved.')).toBeTruthy();
    expect(gatehouse.user).toMatchObject({ firstName: 'Grace', lastName: 'Hopper' });
    const onServer = await server.backend('GET', `/v1/users/${gatehouse.user!.id}`);
    expect(onServer.body).toMatchObject({ first_name: 'Grace', last_name: 'Hopper' });
  });

  it('lists the email address as verified and primary, and this device among the sessions', async () => {
    const email = uniqueEmail('lists');
    const gatehouse = await signedInGatehouse(server, email, PASSWORD);
    renderWith(gatehouse, <UserProfile />);
    const emails = await screen.findByRole('region', { name: 'Email addresses' });
    const row = within(emails).getByText(email).closest('li')!;
    expect(within(row).getByText('Primary')).toBeTruthy();
    expect(within(row).getByText('Verified')).toBeTruthy();
    const devices = screen.getByRole('region', { name: 'Active devices' });
    const current = await within(devices).findByText('This device');
    expect(current.closest('li')?.getAttribute('data-session-id')).toBe(gatehouse.session!.id);
  });

  it('shows a wrong current password beside the current password field', async () => {
    const gatehouse = await signedInGatehouse(server, uniqueEmail('pw'), PASSWORD);
    renderWith(gatehouse, <UserProfile />);
    const section = await screen.findByRole('region', { name: 'Password' });
    fireEvent.change(within(section).getByLabelText('Current password'), { target: { value: 'not it at all' } });
    fireEvent.change(within(section).getByLabelText('New password'), { target: { value: 'a brand new password' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Update password' }));
    const current = within(section).getByLabelText('Current password');
    await waitFor(() => expect(current.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(current.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Password is incorrect. Try again, or use another method.',
    );
  });
});

describe('appearance', () => {
  it('turns appearance variables into CSS custom properties and injects the default styles once', async () => {
    const appearance = { variables: { colorPrimary: 'rgb(15, 118, 110)', borderRadius: '2px', fontFamily: 'Georgia' } };
    renderWith(
      newGatehouse(server),
      <>
        <SignIn />
        <SignUp />
      </>,
      { appearance },
    );
    const card = (await screen.findByRole('heading', { name: 'Create your account' })).closest(
      '.gh-root',
    ) as HTMLElement;
    expect(card.style.getPropertyValue('--gh-color-primary')).toBe('rgb(15, 118, 110)');
    expect(card.style.getPropertyValue('--gh-border-radius')).toBe('2px');
    expect(card.style.getPropertyValue('--gh-font-family')).toBe('Georgia');
    const styles = document.querySelectorAll('style#gatehouse-styles');
    expect(styles).toHaveLength(1);
    expect(styles[0]!.textContent).toContain('var(--gh-color-primary)');
  });
});

describe('localization', () => {
  it('renders French labels with frFR, and French error messages by code', async () => {
    renderWith(newGatehouse(server), <SignIn layout="combined" />, { localization: frFR });
    expect(await screen.findByRole('heading', { name: 'Connexion à My application' })).toBeTruthy();
    expect(screen.getByLabelText('Adresse e-mail')).toBeTruthy();
    expect(screen.getByLabelText('Mot de passe')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'S’inscrire' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Adresse e-mail'), { target: { value: uniqueEmail('personne') } });
    fireEvent.change(screen.getByLabelText('Mot de passe'), { target: { value: PASSWORD } });
    fireEvent.click(screen.getByRole('button', { name: 'Continuer' }));
    const identifier = screen.getByLabelText('Adresse e-mail');
    await waitFor(() => expect(identifier.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(identifier.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Aucun compte ne correspond à cet identifiant.',
    );
  });

  it('renders the sign-up form in French, with interpolated server limits in messages', async () => {
    renderWith(newGatehouse(server), <SignUp />, { localization: frFR });
    expect(await screen.findByRole('heading', { name: 'Créez votre compte' })).toBeTruthy();
    expect(screen.getByLabelText(/^Prénom/)).toBeTruthy();
    expect(screen.getAllByText('Facultatif')).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('Adresse e-mail'), { target: { value: uniqueEmail('fr') } });
    fireEvent.change(screen.getByLabelText('Mot de passe'), { target: { value: 'court' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continuer' }));
    const password = screen.getByLabelText('Mot de passe');
    await waitFor(() => expect(password.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(password.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Le mot de passe doit contenir au moins 8 caractères.',
    );
  });
});
