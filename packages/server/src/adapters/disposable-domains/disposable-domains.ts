/**
 * Disposable email domains: by default the `disposable-email-domains` npm package (MIT,
 * community-maintained, about 120,000 domains plus a list of wildcard providers whose every
 * subdomain is disposable). An operator can point an instance at a file of their own (one
 * domain a line, `#` comments) to update the list without a release; the file is re-read when
 * its modification time changes. A missing or unreadable file falls back to the bundled list
 * and logs a warning once per change.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Logger } from 'pino';
import type { DisposableDomains } from '../../domain/ports.ts';

const require = createRequire(import.meta.url);

interface DomainList {
  exact: Set<string>;
  wildcard: Set<string>;
}

function bundled(): DomainList {
  const read = (id: string) => JSON.parse(readFileSync(require.resolve(id), 'utf8')) as string[];
  return {
    exact: new Set(read('disposable-email-domains')),
    wildcard: new Set(read('disposable-email-domains/wildcard.json')),
  };
}

const parseFile = (text: string): DomainList => ({
  exact: new Set(
    text
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim().toLowerCase())
      .filter((l) => l !== ''),
  ),
  wildcard: new Set(),
});

export function createDisposableDomains(logger: Pick<Logger, 'warn'>): DisposableDomains {
  let defaults: DomainList | null = null;
  const files = new Map<string, { mtimeMs: number; list: DomainList | null }>();

  const listFor = (path: string | null): DomainList => {
    defaults ??= bundled();
    if (path === null) return defaults;
    let mtimeMs = -1;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {}
    const cached = files.get(path);
    if (cached && cached.mtimeMs === mtimeMs) return cached.list ?? defaults;
    let list: DomainList | null = null;
    try {
      list = parseFile(readFileSync(path, 'utf8'));
    } catch {
      logger.warn({ list_path: path }, 'disposable email domain list unreadable: using the bundled list');
    }
    files.set(path, { mtimeMs, list });
    return list ?? defaults;
  };

  return {
    isDisposable(domain, listPath) {
      const list = listFor(listPath);
      const labels = domain.toLowerCase().split('.');
      for (let i = 0; i < labels.length - 1; i++) {
        const candidate = labels.slice(i).join('.');
        if (list.exact.has(candidate)) return true;
        if (i > 0 && list.wildcard.has(candidate)) return true;
      }
      return false;
    },
  };
}
