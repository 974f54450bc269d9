/**
 * A fixed pool of worker threads running one script. The caller (a semaphore) never has more
 * jobs in flight than workers, so a job always finds an idle worker. Workers are unref'd: an
 * idle pool does not keep the process alive; `close()` terminates them.
 *
 * Workers answer `{ id, ok: true, value }` or `{ id, ok: false, error }` (see `hash-worker.ts`).
 */
import { Worker } from 'node:worker_threads';

export type WorkerResult<V> = { id: number; ok: true; value: V } | { id: number; ok: false; error: string };

type Pending<V> = { resolve: (v: V) => void; reject: (e: Error) => void; worker: Worker };

export class WorkerPool<Job extends object, V> {
  readonly #idle: Worker[] = [];
  readonly #all: Worker[] = [];
  readonly #pending = new Map<number, Pending<V>>();
  #nextId = 1;

  constructor(script: URL, size: number) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(script);
      w.unref();
      w.on('message', (r: WorkerResult<V>) => this.#settle(w, r));
      w.on('error', (err) => this.#fail(w, err));
      this.#all.push(w);
      this.#idle.push(w);
    }
  }

  run(job: Job): Promise<V> {
    const worker = this.#idle.pop();
    if (!worker) return Promise.reject(new Error('worker pool: no idle worker (more jobs than workers)'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, worker });
      worker.postMessage({ ...job, id });
    });
  }

  #settle(worker: Worker, r: WorkerResult<V>): void {
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
