/**
 * The example API: Express with `@gatehouse/backend`. The middleware sits on `/api` only, so
 * the single-page app's own files are served without a handshake redirect (the SPA sends its
 * session token as `Authorization: Bearer`, which is what an API should read anyway).
 *
 * - GET /config.json   what the React app needs at run time: the publishable key and the
 *                      Frontend API URL (so one build works against any Gatehouse server)
 * - GET /api/public    answers everyone
 * - GET /api/me        answers signed-in requests with the user and session ids; 401 otherwise
 * - any other /api path 404, and a failure (say, Gatehouse unreachable for its keys) 500, both
 *                      as JSON
 *
 * @example
 * const app = createExampleApi({ secretKey, publishableKey, apiUrl, appOrigin: 'http://localhost:5173' });
 * app.use(serveBuiltSpa('examples/react-app/dist'));
 * app.listen(5173);
 */
import { gatehouseMiddleware, getAuth, requireAuth } from '@gatehouse/backend/express';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

export interface ExampleApiOptions {
  /** The instance's secret key (`sk_test_...`): fetches the JWKS from the Backend API. */
  secretKey: string;
  /** The instance's publishable key (`pk_test_...`), handed to the browser app. */
  publishableKey: string;
  /** The Gatehouse server's URL (Backend API; also the Frontend API of a single-instance server). */
  apiUrl: string;
  /** The Frontend API URL the browser calls; default the one the publishable key names. */
  frontendApiUrl?: string;
  /** This app's own origin: session tokens whose `azp` names another origin are refused. */
  appOrigin?: string;
}

export function createExampleApi(options: ExampleApiOptions): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/config.json', (_req, res) => {
    res.set('cache-control', 'no-store');
    res.json({ publishableKey: options.publishableKey, frontendApiUrl: options.frontendApiUrl ?? null });
  });

  app.use(
    '/api',
    gatehouseMiddleware({
      secretKey: options.secretKey,
      publishableKey: options.publishableKey,
      apiUrl: options.apiUrl,
      ...(options.appOrigin && { authorizedParties: [options.appOrigin] }),
    }),
  );

  app.get('/api/public', (_req, res) => {
    res.json({ message: 'Anyone can read this.' });
  });

  app.get('/api/me', requireAuth(), (req, res) => {
    const { userId, sessionId } = getAuth(req);
    res.json({ userId, sessionId });
  });

  // API answers are JSON in the same `{"errors":[...]}` shape as Gatehouse's, failures included.
  app.use('/api', (_req, res) => {
    res.status(404).json(apiError('resource_not_found', 'Not found.', 'No API route here.'));
  });
  app.use('/api', (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error('example api:', err);
    res.status(500).json(apiError('unexpected_failure', 'Something went wrong.', 'See the API server log.'));
  });

  return app;
}

const apiError = (code: string, message: string, longMessage: string) => ({
  errors: [{ code, message, long_message: longMessage, meta: {} }],
});
