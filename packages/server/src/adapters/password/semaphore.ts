/**
 * A counting semaphore with a bounded queue. Password hashing is deliberately slow and
 * CPU-bound; unbounded concurrency would starve the libuv threadpool that JWT signing also
 * uses, and an unbounded queue would turn a login storm into unbounded memory and latency.
 */
export class Semaphore {
  #available: number;
  readonly #maxQueue: number;
  readonly #queue: Array<() => void> = [];

  constructor(permits: number, maxQueue: number) {
    if (!Number.isInteger(permits) || permits < 1) throw new TypeError('permits must be a positive integer');
    this.#available = permits;
    this.#maxQueue = maxQueue;
  }

  /** Runs `fn` when a permit is free; returns null at once when the queue is full. */
  async run<T>(fn: () => Promise<T>): Promise<{ value: T } | null> {
    if (this.#available > 0) this.#available--;
    else {
      if (this.#queue.length >= this.#maxQueue) return null;
      await new Promise<void>((resolve) => this.#queue.push(resolve));
    }
    try {
      return { value: await fn() };
    } finally {
      const next = this.#queue.shift();
      if (next) next();
      else this.#available++;
    }
  }

  get queued(): number {
    return this.#queue.length;
  }
}
