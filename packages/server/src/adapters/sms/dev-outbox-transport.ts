/** Keeps development instances' text messages in the database, read back with `GET /v1/dev/sms`. */
import { type Clock, strictlyIncreasing } from '../../domain/clock.ts';
import type { Random } from '../../domain/random.ts';
import type { DevSmsOutboxRepository } from '../../domain/store.ts';
import type { SmsTransport } from './sms-transport.ts';

export function createDevOutboxTransport(deps: {
  outbox: DevSmsOutboxRepository;
  clock: Clock;
  random: Random;
}): SmsTransport {
  const stamp = strictlyIncreasing(deps.clock);
  return {
    async send({ to, body, instanceId, template }) {
      const id = deps.random.id('sms');
      await deps.outbox.add({ id, instanceId, to, body, template, createdAt: stamp() });
      return { id };
    },
  };
}
