/**
 * `npm run example`: everything the example needs, in one process.
 * 1. Gatehouse: the server on PORT (default 3000) if one is running, else one started here on
 *    the embedded database, and the development instance's keys (see start-gatehouse.ts);
 * 2. the app's origin added to the instance's allowed origins through the Backend API;
 * 3. the example Express API on EXAMPLE_PORT (default 5173), serving the React app through
 *    Vite's dev server (edit and reload), or the production build with `-- --build`.
 */
import { createServer as createHttpServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGatehouseClient } from '@gatehouse/backend';
import { build, createServer as createViteServer, type ViteDevServer } from 'vite';
import { watchDevMailbox } from './dev-mailbox.ts';
import { createExampleApi } from './express-api/src/app.ts';
import { serveBuiltSpa } from './express-api/src/spa.ts';
import { ensureGatehouse } from './start-gatehouse.ts';

const here = dirname(fileURLToPath(import.meta.url));
const reactApp = join(here, 'react-app');
const viteConfig = join(reactApp, 'vite.config.ts');

const { values } = parseArgs({ options: { build: { type: 'boolean', default: false } } });
const port = Number(process.env.EXAMPLE_PORT ?? 5173);
const appUrl = `http://localhost:${port}`;

const gatehouse = await ensureGatehouse();
const backend = createGatehouseClient({ secretKey: gatehouse.keys.secret_key, apiUrl: gatehouse.url });
const instance = await backend.instance.get();
if (!instance.settings.allowed_origins.includes(appUrl))
  await backend.instance.updateSettings({ allowed_origins: [...instance.settings.allowed_origins, appUrl] });

const http = createHttpServer();
const app = createExampleApi({
  secretKey: gatehouse.keys.secret_key,
  publishableKey: gatehouse.keys.publishable_key,
  apiUrl: gatehouse.url,
  appOrigin: appUrl,
});
let vite: ViteDevServer | null = null;
if (values.build) {
  await build({ configFile: viteConfig, root: reactApp, logLevel: 'warn' });
  app.use(serveBuiltSpa(join(reactApp, 'dist')));
} else {
  vite = await createViteServer({
    configFile: viteConfig,
    root: reactApp,
    appType: 'spa',
    server: { middlewareMode: true, hmr: { server: http } },
  });
  app.use(vite.middlewares);
}
http.on('request', app);
await new Promise<void>((resolve, reject) => {
  http.once('error', reject);
  http.listen(port, 'localhost', resolve);
});

process.stdout.write(
  [
    '',
    `  Example app      ${appUrl}`,
    `  Gatehouse        ${gatehouse.url}`,
    `  Publishable key  ${gatehouse.keys.publishable_key}`,
    '',
    '  New mail from the development instance (sign-up codes) shows below. Ctrl-C to stop.',
    '',
  ].join('\n'),
);
const stopWatching =
  instance.environment_type === 'development'
    ? watchDevMailbox(backend, (line) => process.stdout.write(`${line}\n`))
    : () => undefined;

const stop = async () => {
  stopWatching();
  await vite?.close();
  http.closeAllConnections();
  http.close();
  await gatehouse.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
