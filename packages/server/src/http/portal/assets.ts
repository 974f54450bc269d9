/**
 * The Account Portal's built files (packages/portal/dist, written by Vite): the manifest names
 * the entry script and its stylesheets; only the files it lists are ever served, from memory,
 * so no request path reaches the file system. Reloaded when the manifest changes (a rebuild).
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build -w @gatehouse/portal` writes the portal. */
export const DEFAULT_PORTAL_DIR = fileURLToPath(new URL('../../../../portal/dist', import.meta.url));
/** The URL prefix of the portal's files (Vite's `base` plus its `assets/` folder). */
export const ASSETS_PREFIX = '/portal/';

export interface PortalFile {
  body: Buffer;
  contentType: string;
}

export interface PortalAssets {
  /** URL paths of the entry module and its stylesheets. */
  script: string;
  styles: string[];
  /** Every servable file by URL path (`/portal/assets/main-abc123.js`). */
  files: Map<string, PortalFile>;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  css?: string[];
  assets?: string[];
  imports?: string[];
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

function load(dir: string): PortalAssets | null {
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  } catch {
    return null;
  }
  const entry = Object.values(manifest).find((c) => c.isEntry);
  if (!entry) return null;
  const files = new Map<string, PortalFile>();
  for (const chunk of Object.values(manifest))
    for (const file of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])]) {
      // Vite writes plain relative names (`assets/x.js`); anything else is not ours to serve.
      if (!/^assets\/[\w.-]+$/.test(file)) continue;
      files.set(`${ASSETS_PREFIX}${file}`, {
        body: readFileSync(join(dir, file)),
        contentType: TYPES[extname(file)] ?? 'application/octet-stream',
      });
    }
  return {
    script: `${ASSETS_PREFIX}${entry.file}`,
    styles: (entry.css ?? []).map((f) => `${ASSETS_PREFIX}${f}`),
    files,
  };
}

/** Loads the build from `dir`, again only when its manifest changed; null when it is not built. */
export function portalAssetsFrom(dir: string): () => PortalAssets | null {
  let cached: { mtimeMs: number; assets: PortalAssets } | null = null;
  return () => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(join(dir, '.vite', 'manifest.json')).mtimeMs;
    } catch {
      return null;
    }
    if (cached?.mtimeMs !== mtimeMs) {
      let assets: PortalAssets | null;
      try {
        assets = load(dir);
      } catch {
        assets = null; // a file the manifest names is missing: a broken or half-copied build
      }
      cached = assets ? { mtimeMs, assets } : null;
    }
    return cached?.assets ?? null;
  };
}
