/**
 * The portal tests serve a small stand-in build (a manifest, one script, one stylesheet) from a
 * temporary folder, through a second app on the test server's own dependencies: they test the
 * server's pages, headers and checks, not Vite's output (e2e/portal.test.ts runs the real build).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PORTAL_CONFIG_ELEMENT_ID, type PortalConfig } from '@gatehouse/shared/wire';
import { buildApp } from '../../src/app.ts';
import type { TypedApp } from '../../src/http/typed-app.ts';
import type { TestServer } from '../fixtures/server.ts';

export const SCRIPT = '/portal/assets/main-t3st.js';
export const STYLE = '/portal/assets/main-t3st.css';
export const SCRIPT_BODY = 'console.log("portal");';

export function fakePortalBuild(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-portal-'));
  mkdirSync(join(dir, '.vite'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'main-t3st.js'), SCRIPT_BODY);
  writeFileSync(join(dir, 'assets', 'main-t3st.css'), 'body{margin:0}');
  writeFileSync(join(dir, 'secret.txt'), 'not a portal file');
  writeFileSync(
    join(dir, '.vite', 'manifest.json'),
    JSON.stringify({
      'src/main.tsx': { file: 'assets/main-t3st.js', isEntry: true, css: ['assets/main-t3st.css'] },
    }),
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Another app on `server`'s database and services, serving the portal from `assetsDir`; listening. */
export async function portalApp(server: TestServer, assetsDir: string): Promise<{ url: string; app: TypedApp }> {
  const app = await buildApp(server.deps, { portal: { assetsDir } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `http://localhost:${(app.server.address() as { port: number }).port}`, app };
}

/** The config a page embeds. */
export function configIn(html: string): PortalConfig {
  const m = new RegExp(`<script type="application/json" id="${PORTAL_CONFIG_ELEMENT_ID}">([^<]*)</script>`).exec(html);
  if (!m) throw new Error(`no portal config in: ${html}`);
  return JSON.parse(m[1]!) as PortalConfig;
}

export const page = async (url: string, path: string) => {
  const r = await fetch(url + path, { redirect: 'manual' });
  return { status: r.status, headers: r.headers, text: await r.text() };
};
