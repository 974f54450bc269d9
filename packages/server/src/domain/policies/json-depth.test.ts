import { describe, expect, it } from 'vitest';
import { firstPathDeeperThan } from './json-depth.ts';

describe('firstPathDeeperThan', () => {
  it('counts the top container as level 1 and scalars as nothing', () => {
    expect(firstPathDeeperThan('text', 0)).toBeNull();
    expect(firstPathDeeperThan({}, 1)).toBeNull();
    expect(firstPathDeeperThan({}, 0)).toEqual([]);
    expect(firstPathDeeperThan({ a: [1, { b: 2 }] }, 3)).toBeNull();
    expect(firstPathDeeperThan({ a: [1, { b: 2 }] }, 2)).toEqual(['a', '1']);
  });

  it('walks a value nested far past the call stack without recursion', () => {
    const text = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const deep = JSON.parse(text);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(firstPathDeeperThan(deep, 10)).toEqual(Array(10).fill('0'));
    expect(firstPathDeeperThan({ ok: 1, deep }, 3)).toEqual(['deep', '0', '0']);
  });
});
