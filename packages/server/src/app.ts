/**
 * Builds the HTTP server from its dependencies; does not listen (tests inject or listen on
 * port 0, `main.ts` listens for real). Both APIs live on one origin: the Frontend API finds its
 * instance from the Host header, the Backend API from the secret key.
 */
import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { GatehouseError } from '@gatehouse/shared';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { AppDeps } from './http/app-deps.ts';
import { backendApi } from './http/backend-api/plugin.ts';
import { assertBodyDepth } from './http/body-depth.ts';
import { refuseUnboundedNumbers } from './http/bounded-integers.ts';
import { installErrorHandling, sendError, toGatehouseError } from './http/errors.ts';
import { frontendApi } from './http/frontend-api/plugin.ts';
import { extractComponents } from './http/openapi-components.ts';
import { accountPortal, type PortalOptions } from './http/portal/plugin.ts';
import { ROUTES } from './http/routes.ts';
import type { TypedApp } from './http/typed-app.ts';
import { useSharedSchemaCompilers } from './http/validators.ts';

/**
 * Request ids (`req_` + 96 random bits, base64url): not secrets, but unguessable all the same.
 * The bits come from a pooled buffer, one CSPRNG call per 340 ids instead of one per request.
 */
const ID_BYTES = 12;
let idPool = Buffer.alloc(0);
let idOffset = 0;
function requestId(): string {
  if (idOffset + ID_BYTES > idPool.length) {
    idPool = randomBytes(ID_BYTES * 340);
    idOffset = 0;
  }
  idOffset += ID_BYTES;
  return `req_${idPool.toString('base64url', idOffset - ID_BYTES, idOffset)}`;
}

export interface AppOptions {
  trustProxy?: boolean | number | string[];
  /** The Account Portal's build (tests point it elsewhere). */
  portal?: PortalOptions;
}

export async function buildApp(deps: AppDeps, opts: AppOptions = {}): Promise<TypedApp> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Fastify accepts a hop count at run time; its types omit it.
    trustProxy: (opts.trustProxy ?? false) as boolean,
    bodyLimit: 64 * 1024,
    genReqId: requestId,
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Router failures (a malformed or overlong URL) skip the error handler: render them here too.
    frameworkErrors: (err, request, reply) => {
      sendError(request, reply, toGatehouseError(err) ?? new GatehouseError('internal_error', { cause: err }));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Only JSON and form bodies: Fastify's default text/plain parser would hand a string to
  // routes that expect an object. Anything else is `unsupported_media_type`.
  app.removeContentTypeParser('text/plain');
  useSharedSchemaCompilers(app);
  installErrorHandling(app);
  refuseUnboundedNumbers(app);
  // An empty JSON body (a bodiless POST with Content-Type: application/json, which Clerk's SDK
  // sends for actions like revoke) reads as no body; anything else goes to Fastify's own
  // parser, which refuses __proto__ and constructor poisoning, then to the depth bound.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (String(body).trim() === '') return done(null, undefined);
    return jsonParser(request, String(body), (err, parsed) => {
      if (err) return done(err);
      try {
        assertBodyDepth(parsed);
      } catch (depthErr) {
        return done(depthErr as Error);
      }
      return done(null, parsed);
    });
  });
  // A callback hook, not an async one: it runs on every response and has nothing to wait for.
  app.addHook('onSend', (request, reply, payload, done) => {
    // JSON is UTF-8 by definition (RFC 8259); a charset parameter only trips clients that
    // compare the media type exactly, as Clerk's backend SDK does.
    const type = reply.getHeader('content-type');
    if (type !== 'application/json' && String(type ?? '').startsWith('application/json'))
      void reply.header('content-type', 'application/json');
    void reply.header('x-request-id', request.id);
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(swagger, {
    transformObject: (documentObject) =>
      extractComponents((documentObject as { openapiObject: Record<string, unknown> }).openapiObject) as never,
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Gatehouse',
        version: '0.1.0',
        description:
          'Frontend API (browsers and native apps; `__client` cookie or `Authorization: Bearer <client token>`) and ' +
          'Backend API (servers; `Authorization: Bearer sk_...`), following Clerk’s published shapes.',
      },
      components: {
        securitySchemes: {
          secretKey: { type: 'http', scheme: 'bearer', description: 'A secret key, sk_test_... or sk_live_...' },
          clientCookie: { type: 'apiKey', in: 'cookie', name: '__client' },
        },
      },
    },
  });

  app.get(ROUTES.health, { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get(ROUTES.openapi, { schema: { hide: true } }, async () => app.swagger());

  await app.register(frontendApi, { deps });
  await app.register(backendApi, { deps });
  await app.register(accountPortal, { deps, ...(opts.portal && { portal: opts.portal }) });
  return app;
}
