/** Time, injected so tests can freeze it and domain code never calls Date.now() itself. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
