/** JSON columns are text in both dialects. A row we wrote is always valid JSON. */
export const toJson = (v: unknown): string => JSON.stringify(v ?? {});
export const fromJson = <T>(v: string | null): T | null => (v === null ? null : (JSON.parse(v) as T));
export const fromJsonObject = (v: string): Record<string, unknown> => JSON.parse(v) as Record<string, unknown>;
