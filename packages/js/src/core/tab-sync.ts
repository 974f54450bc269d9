/**
 * Tabs of one browser share a client (the `__client` cookie) and keep each other current:
 * - a BroadcastChannel carries sign-out (every tab drops the session at once), sign-in (the
 *   others reload the client) and freshly minted tokens (so the others need not mint);
 * - the Web Locks API, where present, lets one tab at a time run the background refresh.
 * Messages name the client they are about; a tab on another client ignores them.
 */
export type TabMessage =
  | { type: 'signed_out'; clientId: string | null }
  | { type: 'session_changed'; clientId: string | null }
  | { type: 'token'; clientId: string | null; sessionId: string; jwt: string; mintedAt: number };

interface LockManagerLike {
  request(name: string, options: { ifAvailable: boolean }, cb: (lock: unknown) => Promise<unknown>): Promise<unknown>;
}

export class TabSync {
  readonly #name: string | null;
  readonly #onMessage: (m: TabMessage) => void;
  readonly #lockName: string;
  #channel: BroadcastChannel | null = null;

  constructor(channelName: string | null, onMessage: (m: TabMessage) => void) {
    this.#name = channelName;
    this.#onMessage = onMessage;
    this.#lockName = `${channelName ?? 'gatehouse'}:refresh`;
  }

  /** Joins the channel (at `load()`, so an instance that is never loaded holds nothing open). */
  open(): void {
    if (this.#channel || !this.#name || typeof BroadcastChannel !== 'function') return;
    this.#channel = new BroadcastChannel(this.#name);
    this.#channel.onmessage = (e: MessageEvent) => this.#onMessage(e.data as TabMessage);
    // Node keeps the process alive while a channel is open; a browser has no such method.
    (this.#channel as { unref?: () => void }).unref?.();
  }

  post(m: TabMessage): void {
    this.#channel?.postMessage(m);
  }

  /** Runs `fn` unless another tab holds the refresh lock right now (then does nothing). */
  async exclusive(fn: () => Promise<void>): Promise<void> {
    const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
    if (!locks) return fn();
    await locks.request(this.#lockName, { ifAvailable: true }, async (lock) => {
      if (lock) await fn();
    });
  }

  close(): void {
    this.#channel?.close();
    this.#channel = null;
  }
}
