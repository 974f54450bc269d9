/** Time, injected so tests can freeze it and domain code never calls Date.now() itself. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * Readings of `clock` that only increase within this process (a repeat moves on by 1 ms): the
 * dev mailbox and SMS outbox list newest first, and two messages in one millisecond (or under
 * a frozen test clock) must still come back in the order they were made.
 */
export function strictlyIncreasing(clock: Clock): () => number {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    last = Math.max(clock.now(), last + 1);
    return last;
  };
}
