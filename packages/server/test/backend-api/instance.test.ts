/**
 * Backend API instance: the instance object with its publishable key, and settings patches
 * (deep merge over what was stored, `null` back to the default, invalid or unknown values
 * refused with nothing changed, the change felt by the Frontend and Backend APIs at once).
 */
import { defaultSettings } from '@gatehouse/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../fixtures/flows.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { expectError } from './expect-error.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const settings = async () => {
  const r = await server.backend.get('/v1/instance');
  expect(r.status).toBe(200);
  return r.body.settings;
};
const patch = (body: Record<string, unknown>) => server.backend.patch('/v1/instance/settings', body);

describe('GET /v1/instance', () => {
  it('returns the instance with a pk_test_ publishable key that decodes to its Frontend API host', async () => {
    const r = await server.backend.get('/v1/instance');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      object: 'instance',
      id: server.instance.id,
      name: 'Test',
      environment_type: 'development',
      frontend_api_url: server.url,
      allowed_origins: [],
      created_at: expect.any(Number),
      updated_at: expect.any(Number),
    });
    const pk: string = r.body.publishable_key;
    expect(pk).toMatch(/^pk_test_[A-Za-z0-9+/=]+$/);
    expect(Buffer.from(pk.slice('pk_test_'.length), 'base64').toString()).toBe(`${new URL(server.url).host}$`);
    expect(r.body.settings).toEqual(defaultSettings());
  });
});

describe('PATCH /v1/instance/settings', () => {
  it('deep-merges a patch, keeping sibling and earlier values', async () => {
    const r = await patch({ auth: { username: { enabled: true } } });
    expect(r.status).toBe(200);
    expect(r.body.object).toBe('instance');
    expect(r.body.settings.auth.username).toEqual({ ...defaultSettings().auth.username, enabled: true });
    expect(r.body.settings.auth.first_name).toEqual(defaultSettings().auth.first_name);

    const second = await patch({ auth: { username: { min_length: 6 } }, application_name: 'Acme' });
    expect(second.status).toBe(200);
    expect(second.body.settings.auth.username).toMatchObject({ enabled: true, min_length: 6, max_length: 64 });
    expect(second.body.settings.application_name).toBe('Acme');
    expect((await settings()).auth.username).toMatchObject({ enabled: true, min_length: 6 });
  });

  it('takes effect at once in the Frontend API and in Backend API validation', async () => {
    const env = await server.browser().get('/v1/environment');
    expect(env.body.auth_config.username).toBe('on');
    expect(env.body.display_config.application_name).toBe('Acme');

    const withName = await server.backend.post('/v1/users', { email_address: [uniqueEmail()], username: 'acme_user' });
    expect(withName.status).toBe(200);
    const tooShort = await server.backend.post('/v1/users', { email_address: [uniqueEmail()], username: 'abcde' });
    expectError(tooShort, 'form_username_invalid', { param_name: 'username' });
  });

  it('resets a field to its default with null, and a whole section too', async () => {
    const r = await patch({ auth: { username: { enabled: null } } });
    expect(r.status).toBe(200);
    expect(r.body.settings.auth.username).toMatchObject({ enabled: false, min_length: 6 });
    const refused = await server.backend.post('/v1/users', { email_address: [uniqueEmail()], username: 'someone' });
    expectError(refused, 'form_param_unknown', { param_name: 'username' });

    const section = await patch({ auth: null, application_name: null });
    expect(section.status).toBe(200);
    expect(section.body.settings).toEqual(defaultSettings());
    expect(await settings()).toEqual(defaultSettings());
  });

  it('refuses a value outside its range and changes nothing', async () => {
    await patch({ sessions: { token_lifetime_seconds: 120 } });
    const before = await settings();
    expect(before.sessions.token_lifetime_seconds).toBe(120);

    const r = await patch({ sessions: { token_lifetime_seconds: 1 }, application_name: 'Changed' });
    expect(r.status).toBe(422);
    expect(['form_param_format_invalid', 'instance_settings_invalid']).toContain(r.body.errors[0].code);
    expect(JSON.stringify(r.body.errors[0])).toContain('token_lifetime_seconds');
    expect(await settings()).toEqual(before);

    expectError(await patch({ sessions: { signing_algorithm: 'HS256' } }), 'form_param_format_invalid');
    expect(await settings()).toEqual(before);
  });

  it('refuses "", 0 and false where they are invalid, rather than reading them as null (reset)', async () => {
    await patch({ application_name: 'Acme', auth: { password: { min_length: 12 } } });
    const before = await settings();
    for (const body of [
      { application_name: '' },
      { auth: { password: { min_length: 0 } } },
      { sessions: { max_lifetime_seconds: false } },
      { support_email: '' },
    ]) {
      const r = await patch(body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(['form_param_format_invalid', 'instance_settings_invalid']).toContain(r.body.errors[0].code);
    }
    expect(await settings()).toEqual(before);
    await patch({ application_name: null, auth: { password: { min_length: null } } });
  });

  it('resets a boolean whose default is true with null, rather than reading null as false', async () => {
    const off = await patch({ auth: { email_address: { verify_at_sign_up: false }, first_name: { enabled: false } } });
    expect(off.body.settings.auth.email_address.verify_at_sign_up).toBe(false);
    expect(off.body.settings.auth.first_name.enabled).toBe(false);
    const reset = await patch({ auth: { email_address: { verify_at_sign_up: null }, first_name: { enabled: null } } });
    expect(reset.status).toBe(200);
    expect(reset.body.settings.auth.email_address.verify_at_sign_up).toBe(true);
    expect(reset.body.settings.auth.first_name.enabled).toBe(true);
  });

  it('refuses settings that are each valid but contradict each other with instance_settings_invalid', async () => {
    const before = await settings();
    const r = await patch({ auth: { password: { min_length: 100, max_length: 50 } } });
    expectError(r, 'instance_settings_invalid', {
      problems: [{ path: '/auth/password/min_length', message: 'must not be greater than max_length' }],
    });
    expect(r.body.errors[0].long_message).toContain('/auth/password/min_length');
    expect(await settings()).toEqual(before);
  });

  it('refuses an unknown key at any depth with form_param_unknown and changes nothing', async () => {
    const before = await settings();
    expectError(await patch({ auth: { username: { bogus: true } } }), 'form_param_unknown', {
      param_name: 'auth.username.bogus',
    });
    expectError(await patch({ colour: 'blue' }), 'form_param_unknown', { param_name: 'colour' });
    expectError(await patch({ sessions: { multi_session: { enabled: true, max: 3 } } }), 'form_param_unknown', {
      param_name: 'sessions.multi_session.max',
    });
    expect(await settings()).toEqual(before);
  });

  it('changes the password rules used by the Backend API', async () => {
    const r = await patch({ auth: { password: { min_length: 12 } } });
    expect(r.status).toBe(200);
    const refused = await server.backend.post('/v1/users', { email_address: [uniqueEmail()], password: 'elevenchars' });
    expectError(refused, 'form_password_length_too_short', { min_length: 12 });
    await patch({ auth: { password: { min_length: null } } });
    const ok = await server.backend.post('/v1/users', { email_address: [uniqueEmail()], password: 'elevenchars' });
    expect(ok.status).toBe(200);
  });
});
