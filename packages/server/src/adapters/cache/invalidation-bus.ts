/**
 * Tells every node that an instance changed (settings, keys), so each drops its cached copy.
 * In one process the bus is local; with `REDIS_URL` it is a Redis pub/sub channel, so a change
 * made through any node reaches all of them within a round trip.
 */
import type { Redis } from 'ioredis';

export interface InvalidationBus {
  publish(instanceId: string): Promise<void>;
  subscribe(listener: (instanceId: string) => void): void;
  close(): Promise<void>;
}

export function createLocalBus(): InvalidationBus {
  const listeners: Array<(id: string) => void> = [];
  return {
    async publish(id) {
      for (const l of listeners) l(id);
    },
    subscribe: (l) => listeners.push(l),
    async close() {},
  };
}

const CHANNEL = 'gatehouse:instance-invalidated';

export async function createRedisBus(publisher: Redis): Promise<InvalidationBus> {
  const subscriber = publisher.duplicate();
  const listeners: Array<(id: string) => void> = [];
  subscriber.on('message', (channel: string, id: string) => {
    if (channel === CHANNEL) for (const l of listeners) l(id);
  });
  await subscriber.subscribe(CHANNEL);
  return {
    async publish(id) {
      // The local listeners hear it back through Redis, like every other node.
      await publisher.publish(CHANNEL, id);
    },
    subscribe: (l) => listeners.push(l),
    async close() {
      await subscriber.quit();
    },
  };
}
