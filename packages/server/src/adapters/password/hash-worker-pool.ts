/**
 * A fixed pool of hash workers. The caller (the hasher's semaphore) never has more jobs in
 * flight than workers, so a job always finds an idle worker. Workers are unref'd: an idle pool
 * does not keep the process alive; `close()` terminates them.
 */
import { Worker } from 'node:worker_threads';
import type { HashJob, HashResult } from './hash-worker.ts';

type Pending = { resolve: (v: string | boolean) => void; reject: (e: Error) => void };
type JobInput = HashJob extends infer J ? (J extends { id: number } ? Omit<J, 'id'> : never) : never;

export class HashWorkerPool {
  readonly #idle: Worker[] = [];
  readonly #all: Worker[] = [];
  readonly #pending = new Map<number, Pending & { worker: Worker }>();
  #nextId = 1;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(new URL('./hash-worker.ts', import.meta.url));
      w.unref();
      w.on('message', (r: HashResult) => this.#settle(w, r));
      w.on('error', (err) => this.#fail(w, err));
      this.#all.push(w);
      this.#idle.push(w);
    }
  }

  run(job: JobInput): Promise<string | boolean> {
    const worker = this.#idle.pop();
    if (!worker) return Promise.reject(new Error('hash worker pool: no idle worker (more jobs than workers)'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, worker });
      worker.postMessage({ ...job, id });
    });
  }

  #settle(worker: Worker, r: HashResult): void {
    const p = this.#pending.get(r.id);
    if (!p) return;
    this.#pending.delete(r.id);
    this.#idle.push(worker);
    if (r.ok) p.resolve(r.value);
    else p.reject(new Error(r.error));
  }

  #fail(worker: Worker, err: Error): void {
    for (const [id, p] of this.#pending) {
      if (p.worker !== worker) continue;
      this.#pending.delete(id);
      p.reject(err);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.#all.map((w) => w.terminate()));
  }
}
