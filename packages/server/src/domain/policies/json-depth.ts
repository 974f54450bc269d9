/**
 * How deeply a JSON value nests, measured without recursion, for input nobody vouches for:
 * - a scalar is depth 0, `{}` or `[]` is 1, `{"a":[1]}` is 2;
 * - the walk keeps its own stack, so a value nested 30,000 levels deep costs a loop, never the
 *   call stack (JSON.stringify of such a value throws RangeError, which was a 500);
 * - it stops at the first value past the limit and says where it is.
 */

/** The path (keys and indexes from the top) of the first container nested past `limit`, or null. */
export function firstPathDeeperThan(value: unknown, limit: number): string[] | null {
  const stack: Array<{ node: unknown; depth: number; path: string[] }> = [{ node: value, depth: 1, path: [] }];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return path;
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [key, child] of entries)
      if (child !== null && typeof child === 'object')
        stack.push({ node: child, depth: depth + 1, path: [...path, key] });
  }
  return null;
}
