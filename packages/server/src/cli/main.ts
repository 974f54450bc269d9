/**
 * The `gatehouse` command:
 *   gatehouse start                         migrate, create a development instance on first start, serve
 *   gatehouse migrate                       apply pending migrations
 *   gatehouse instance create [--name N] [--environment development|production] [--frontend-api-url URL] [--json]
 *   gatehouse instance list [--json]
 *   gatehouse instance keys [--instance ID] [--new-secret-key] [--json]
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig, type ServerConfig } from '../config/env.ts';
import { loggerOptions } from '../http/logging.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import { createInstance, createSecretKey, describeInstance } from '../services/instance-admin.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { keysBanner } from './banner.ts';

const USAGE = `usage: gatehouse <start | migrate | instance create|list|keys> [options]`;

const backendApiUrl = (config: ServerConfig, port = config.port) =>
  process.env.GATEHOUSE_BACKEND_API_URL ?? `http://localhost:${port}`;

async function withRuntime<T>(fn: (rt: Runtime, config: ServerConfig) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const rt = await createRuntime(config, { logger: pino({ ...loggerOptions('warn') }, pino.destination(2)) });
  try {
    return await fn(rt, config);
  } finally {
    await rt.close();
  }
}

async function start(): Promise<void> {
  const config = loadConfig();
  const rt = await createRuntime(config);
  const { deps } = rt;
  // The HTTP layer loads only for `start`: the other commands start a third faster without it.
  const [{ buildApp }, { startHousekeeping }] = await Promise.all([
    import('../app.ts'),
    import('../services/housekeeping.ts'),
  ]);
  const app = await buildApp(deps, { trustProxy: config.trustProxy });
  const housekeeping = startHousekeeping(deps);
  await app.listen({ port: config.port, host: config.host });
  const port = (app.server.address() as { port: number }).port;

  if ((await deps.store.instances.list()).length === 0) {
    const { instance, secretKey } = await createInstance(deps, {
      name: 'Development',
      environment: 'development',
      frontendApiUrl: config.frontendApiUrl ?? `http://localhost:${port}`,
    });
    // Printed to the terminal, not the log: the only time this key is visible.
    process.stdout.write(
      keysBanner({ ...describeInstance(instance), backend_api_url: backendApiUrl(config, port) }, secretKey),
    );
  } else {
    deps.logger.info({ url: `http://localhost:${port}`, database: rt.database.description }, 'Gatehouse is listening');
  }

  const stop = async (signal: string) => {
    deps.logger.info({ signal }, 'shutting down');
    housekeeping.stop();
    await app.close();
    await rt.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

async function instanceCommand(sub: string | undefined, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      environment: { type: 'string' },
      'frontend-api-url': { type: 'string' },
      instance: { type: 'string' },
      'new-secret-key': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const print = (json: unknown, text: string) =>
    process.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);

  await withRuntime(async ({ deps }, config) => {
    if (sub === 'create') {
      const environment = values.environment ?? 'development';
      if (environment !== 'development' && environment !== 'production')
        throw new TypeError('--environment must be development or production');
      const frontendApiUrl = values['frontend-api-url'];
      if (!frontendApiUrl) throw new TypeError('--frontend-api-url is required (e.g. https://clerk.example.com)');
      const { instance, secretKey } = await createInstance(deps, {
        name: values.name ?? (environment === 'production' ? 'Production' : 'Development'),
        environment,
        frontendApiUrl,
      });
      const keys = { ...describeInstance(instance), backend_api_url: backendApiUrl(config), secret_key: secretKey };
      return print(keys, keysBanner(keys, secretKey));
    }
    if (sub === 'list') {
      const list = (await deps.store.instances.list()).map(describeInstance);
      return print(
        list,
        list.map((i) => `${i.instance_id}  ${i.environment.padEnd(11)}  ${i.frontend_api_url}  ${i.name}`).join('\n'),
      );
    }
    if (sub === 'keys') {
      const all = await deps.store.instances.list();
      const instance = values.instance ? all.find((i) => i.id === values.instance) : all[0];
      if (!instance)
        throw new TypeError(
          values.instance ? `no instance ${values.instance}` : 'no instance yet: run `gatehouse start` once',
        );
      const secret = values['new-secret-key'] ? (await createSecretKey(deps, instance, 'cli')).key : null;
      const keys = await deps.store.secretKeys.list(instance.id);
      const out = {
        ...describeInstance(instance),
        backend_api_url: backendApiUrl(config),
        secret_key: secret,
        secret_keys: keys.map((k) => ({
          id: k.id,
          name: k.name,
          last4: k.last4,
          created_at: k.createdAt,
          revoked_at: k.revokedAt,
        })),
      };
      const text = `${keysBanner(out, secret)}  Secret keys: ${keys
        .filter((k) => k.revokedAt === null)
        .map((k) => `${k.id} (…${k.last4})`)
        .join(', ')}\n`;
      return print(out, text);
    }
    throw new TypeError(`unknown instance command: ${sub ?? '(none)'}\n${USAGE}`);
  });
}

async function main(argv: string[]): Promise<void> {
  const [command, sub, ...rest] = argv;
  switch (command) {
    case 'start':
      return start();
    case 'migrate': {
      const config = loadConfig();
      const rt = await createRuntime(config, {
        migrate: false,
        logger: pino(loggerOptions('warn'), pino.destination(2)),
      });
      try {
        const applied = await migrateToLatest(rt.database.db);
        process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
      } finally {
        await rt.close();
      }
      return;
    }
    case 'instance':
      return instanceCommand(sub, rest);
    default:
      throw new TypeError(USAGE);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(
    `gatehouse: ${err instanceof TypeError ? err.message : ((err as Error)?.stack ?? String(err))}\n`,
  );
  process.exit(1);
});
