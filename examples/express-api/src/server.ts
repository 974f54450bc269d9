/**
 * Runs the example API on its own, with keys from the environment, serving the built React
 * app (`npm run build -w @gatehouse/example-react-app` first). `npm run example` at the
 * repository root does all of this for you, with Vite's dev server instead of a build.
 *
 *   GATEHOUSE_SECRET_KEY=sk_test_... GATEHOUSE_PUBLISHABLE_KEY=pk_test_... \
 *   GATEHOUSE_API_URL=http://localhost:3000 PORT=5173 node --conditions=source src/server.ts
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExampleApi } from './app.ts';
import { serveBuiltSpa } from './spa.ts';

const need = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new TypeError(`${name} is required`);
  return v;
};

const port = Number(process.env.PORT ?? 5173);
const appOrigin = `http://localhost:${port}`;
const app = createExampleApi({
  secretKey: need('GATEHOUSE_SECRET_KEY'),
  publishableKey: need('GATEHOUSE_PUBLISHABLE_KEY'),
  apiUrl: need('GATEHOUSE_API_URL'),
  appOrigin,
});
app.use(serveBuiltSpa(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'react-app', 'dist')));
app.listen(port, 'localhost', () => process.stdout.write(`Example app: ${appOrigin}\n`));
