/** True when `err` is a unique-constraint violation on SQLite or PostgreSQL, optionally on a column. */
export function isUniqueViolation(err: unknown, column?: string): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; errcode?: unknown; message?: unknown; constraint?: unknown; detail?: unknown };
  const message = typeof e.message === 'string' ? e.message : '';
  const isPg = e.code === '23505';
  const isSqlite = e.errcode === 2067 || e.errcode === 1555 || message.includes('UNIQUE constraint failed');
  if (!isPg && !isSqlite) return false;
  if (column === undefined) return true;
  const where = `${message} ${typeof e.constraint === 'string' ? e.constraint : ''} ${typeof e.detail === 'string' ? e.detail : ''}`;
  return where.includes(column);
}
