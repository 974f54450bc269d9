/**
 * The `account_portal` settings: the theme reaches the page as @gatehouse/react's appearance
 * variables (camelCase), and only plain colours, lengths and font lists get in, since the
 * values end up in CSS; redirect defaults must be absolute http(s) URLs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/config/instance-settings.ts';
import { startServer, type TestServer } from '../fixtures/server.ts';
import { configIn, fakePortalBuild, page, portalApp } from './fixtures.ts';

let server: TestServer;
let build: ReturnType<typeof fakePortalBuild>;
let portal: Awaited<ReturnType<typeof portalApp>>;
beforeAll(async () => {
  server = await startServer();
  build = fakePortalBuild();
  portal = await portalApp(server, build.dir);
});
afterAll(async () => {
  await portal.app.close();
  await server.close();
  build.remove();
});

const patch = (body: Record<string, unknown>) => server.backend.patch('/v1/instance/settings', body);
const variables = (v: Record<string, unknown>) => ({ account_portal: { appearance: { variables: v } } });

describe('account_portal settings', () => {
  it('default: enabled, English, no theme, no redirect defaults', () => {
    const r = resolveSettings({});
    expect(r.ok && r.settings.account_portal).toMatchObject({
      enabled: true,
      localization: 'en-US',
      after_sign_in_url: null,
      after_sign_up_url: null,
    });
  });

  it('hands the theme and language to the page as appearance variables', async () => {
    const set = await patch({
      account_portal: {
        localization: 'fr-FR',
        appearance: {
          variables: {
            color_primary: '#0f766e',
            color_background: 'rgb(250, 250, 249)',
            color_text: 'hsl(220 20% 10%)',
            border_radius: '4px',
            font_family: '"Inter", Helvetica, sans-serif',
            spacing_unit: '1.25rem',
          },
        },
      },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const r = await page(portal.url, '/sign-in');
    expect(r.text).toContain('<html lang="fr">');
    expect(r.text).toContain('<title>Connexion · ');
    const config = configIn(r.text);
    expect(config.localization).toBe('fr-FR');
    expect(config.appearance_variables).toEqual({
      colorPrimary: '#0f766e',
      colorBackground: 'rgb(250, 250, 249)',
      colorText: 'hsl(220 20% 10%)',
      borderRadius: '4px',
      fontFamily: '"Inter", Helvetica, sans-serif',
      spacingUnit: '1.25rem',
    });
    // `"` in a font list is escaped in the page, never raw.
    expect(r.text).toContain('\\"Inter\\"');
    // null resets a variable to the built-in look.
    await patch(variables({ color_primary: null }));
    expect(configIn((await page(portal.url, '/sign-in')).text).appearance_variables).not.toHaveProperty('colorPrimary');
  });

  it.each([
    ['color_primary', 'red;}body{display:none'],
    ['color_primary', 'url(https://evil.example/x.png)'],
    ['color_primary', 'var(--x)'],
    ['color_primary', 'expression(alert(1))'],
    ['color_primary', '#12345'],
    ['color_primary', 'rgb(1,2,3);color:red'],
    ['color_background', '</style><script>alert(1)</script>'],
    ['border_radius', '4px;color:red'],
    ['border_radius', 'calc(1px + 2px)'],
    ['border_radius', '10000px'],
    ['font_size', '12'],
    ['font_family', 'Inter;}body{x:y'],
    ['font_family', 'url(x)'],
    ['font_family', 'Inter\\'],
  ])('refuses %s = %s', async (name, value) => {
    const r = await patch(variables({ [name]: value }));
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(['form_param_format_invalid', 'instance_settings_invalid']).toContain(r.body.errors[0].code);
  });

  it('refuses unknown variables and non-http(s) redirect defaults', async () => {
    expect((await patch(variables({ color_hacker: '#fff' }))).status).toBe(422);
    for (const url of ['javascript:alert(1)', '/relative', 'ftp://example.com/'])
      expect((await patch({ account_portal: { after_sign_in_url: url } })).status, url).toBe(422);
    expect((await patch({ account_portal: { after_sign_in_url: 'https://app.example.com/home' } })).status).toBe(200);
  });

  it('resolveSettings reports the path of a bad variable', () => {
    const r = resolveSettings(variables({ color_text: 'red;x' }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.path)).toContain('/account_portal/appearance/variables/color_text');
  });
});
