/**
 * What the app learns at run time from the server that serves it (`/config.json`), not at
 * build time: one build of the app works against any Gatehouse server.
 */
export interface AppConfig {
  publishableKey: string;
  /** Overrides the Frontend API URL the publishable key names (null: use the key's). */
  frontendApiUrl: string | null;
}

export async function loadConfig(): Promise<AppConfig> {
  const res = await fetch('/config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`GET /config.json answered ${res.status}`);
  return (await res.json()) as AppConfig;
}
