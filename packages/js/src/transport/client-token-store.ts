/**
 * Where a native (non-browser) client keeps its client token. The server rotates the token on
 * sign-in and sign-out and sends the new one in the `Authorization` response header; the SDK
 * keeps it here and sends it back as `Authorization: Bearer`. Pass your own store to keep it
 * in secure storage, or to share one client between several SDK instances.
 */
export interface ClientTokenStore {
  get(): string | null | Promise<string | null>;
  set(token: string): void | Promise<void>;
}

/** A token kept in memory for the life of the process. */
export function memoryTokenStore(initial: string | null = null): ClientTokenStore {
  let token = initial;
  return {
    get: () => token,
    set: (t) => {
      token = t;
    },
  };
}
