import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore.ts';

/** A promise the test resolves by hand, so task timing is fully controlled (no sleeps). */
function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every already-settled promise continuation run. */
const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('Semaphore', () => {
  it('never runs more than N tasks at once, and runs them all', async () => {
    const sem = new Semaphore(3, 100);
    let running = 0;
    let maxRunning = 0;
    const gates = Array.from({ length: 10 }, () => deferred());
    const started: number[] = [];
    const results = gates.map((g, i) =>
      sem.run(async () => {
        started.push(i);
        running++;
        maxRunning = Math.max(maxRunning, running);
        await g.promise;
        running--;
        return i;
      }),
    );
    await flush();
    expect(started).toEqual([0, 1, 2]);
    expect(sem.queued).toBe(7);

    // Release in an order unlike the start order; each release lets exactly one more start.
    for (const i of [1, 0, 2, 5, 3, 4, 9, 6, 8, 7]) {
      gates[i]!.resolve();
      await flush();
      expect(running).toBeLessThanOrEqual(3);
    }
    expect(await Promise.all(results)).toEqual(gates.map((_, i) => ({ value: i })));
    expect(maxRunning).toBe(3);
    expect(started).toHaveLength(10);
    expect(sem.queued).toBe(0);
  });

  it('starts queued tasks in arrival order', async () => {
    const sem = new Semaphore(1, 10);
    const first = deferred();
    const order: string[] = [];
    const a = sem.run(async () => {
      order.push('a');
      await first.promise;
    });
    const b = sem.run(async () => void order.push('b'));
    const c = sem.run(async () => void order.push('c'));
    await flush();
    expect(order).toEqual(['a']);
    first.resolve();
    await Promise.all([a, b, c]);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('returns null at once when the queue is full, without running the task', async () => {
    const sem = new Semaphore(1, 1);
    const gate = deferred();
    const running = sem.run(() => gate.promise);
    const queued = sem.run(async () => 'queued');
    let ranRefused = false;
    const refused = await sem.run(async () => {
      ranRefused = true;
      return 'refused';
    });
    expect(refused).toBeNull();
    expect(ranRefused).toBe(false);
    expect(sem.queued).toBe(1);

    gate.resolve();
    expect(await running).toEqual({ value: undefined });
    expect(await queued).toEqual({ value: 'queued' });
  });

  it('refuses any wait with a queue bound of 0, but runs when a permit is free', async () => {
    const sem = new Semaphore(1, 0);
    const gate = deferred();
    const running = sem.run(() => gate.promise);
    expect(await sem.run(async () => 'x')).toBeNull();
    gate.resolve();
    await running;
    expect(await sem.run(async () => 'y')).toEqual({ value: 'y' });
  });

  it('accepts again once the queue has drained', async () => {
    const sem = new Semaphore(1, 1);
    const gate = deferred();
    const a = sem.run(() => gate.promise);
    const b = sem.run(async () => 'b');
    expect(await sem.run(async () => 'c')).toBeNull();
    gate.resolve();
    await Promise.all([a, b]);
    expect(await sem.run(async () => 'd')).toEqual({ value: 'd' });
  });

  it('releases the permit when the task throws', async () => {
    const sem = new Semaphore(1, 0);
    await expect(sem.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    // With one permit and no queue, this would be refused (null) had the permit leaked.
    expect(await sem.run(async () => 'after')).toEqual({ value: 'after' });
  });

  it('hands the permit of a throwing task to the next queued one', async () => {
    const sem = new Semaphore(1, 5);
    const gate = deferred();
    const failing = sem.run(async () => {
      await gate.promise;
      throw new Error('boom');
    });
    const next = sem.run(async () => 'next');
    gate.resolve();
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toEqual({ value: 'next' });
    expect(await sem.run(async () => 'free')).toEqual({ value: 'free' });
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %s permits', (permits) => {
    expect(() => new Semaphore(permits, 1)).toThrow(TypeError);
  });
});
