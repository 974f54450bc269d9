/**
 * React tests run in happy-dom against a real server in a child process (remote-server.ts).
 * The SDK runs in native (memory, Bearer) mode: happy-dom's cookie handling is not a
 * browser's; the cookie path is covered by @gatehouse/js's tests (and Chromium e2e tests).
 * Its requests go through happy-dom's fetch, with CORS, from the page's origin.
 */
import { Gatehouse, type GatehouseOptions } from '@gatehouse/js';
import { cleanup, configure, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach } from 'vitest';
import { type Appearance, GatehouseProvider, type LocalizationResource } from '../src/index.ts';
import type { RemoteServer } from './remote-server.ts';

// A busy CI machine (two database projects in parallel) can take over a second to load.
configure({ asyncUtilTimeout: 5000 });

const instances: Gatehouse[] = [];

afterEach(() => {
  cleanup();
  for (const g of instances.splice(0)) g.destroy();
});

export function newGatehouse(server: RemoteServer, opts: GatehouseOptions = {}): Gatehouse {
  const g = new Gatehouse(server.publishableKey, {
    clientTokenStorage: 'memory',
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    navigate: () => undefined,
    ...opts,
  });
  instances.push(g);
  return g;
}

export function renderWith(
  gatehouse: Gatehouse,
  ui: ReactNode,
  opts: { localization?: LocalizationResource; appearance?: Appearance } = {},
) {
  return render(
    <GatehouseProvider
      gatehouse={gatehouse}
      {...(opts.localization && { localization: opts.localization })}
      {...(opts.appearance && { appearance: opts.appearance })}
    >
      {ui}
    </GatehouseProvider>,
  );
}

/** A signed-in SDK instance (signed up through the SDK with the mailed code). */
export async function signedInGatehouse(server: RemoteServer, email: string, password: string): Promise<Gatehouse> {
  const g = newGatehouse(server);
  await g.load();
  const created = await g.signUp.create({ emailAddress: email, password });
  await created.prepareEmailAddressVerification();
  const done = await created.attemptEmailAddressVerification({ code: await server.lastCode(email) });
  await g.setActive({ session: done.createdSessionId });
  return g;
}
