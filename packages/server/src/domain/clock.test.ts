import { describe, expect, it } from 'vitest';
import { strictlyIncreasing } from './clock.ts';

describe('strictlyIncreasing', () => {
  it('moves a repeated or earlier reading on by 1 ms, and follows the clock when it is ahead', () => {
    let now = 1_000;
    const stamp = strictlyIncreasing({ now: () => now });
    expect([stamp(), stamp(), stamp()]).toEqual([1_000, 1_001, 1_002]);
    now = 900; // a clock set back
    expect(stamp()).toBe(1_003);
    now = 5_000;
    expect(stamp()).toBe(5_000);
  });
});
