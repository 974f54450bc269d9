/**
 * The generated reference docs in docs/ match the code: every error code of the registry is in
 * docs/errors.md (and nothing else is), every setting and environment variable is in
 * docs/configuration.md, and docs/openapi.json describes every public route. `npm run
 * docs:check` (CI) also compares the files byte for byte; these tests say which part is wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSettings, ERRORS } from '@gatehouse/shared';
import { describe, expect, it } from 'vitest';
import {
  parseErrorsMd,
  ROOT,
  renderConfigurationMd,
  renderErrorsMd,
  renderOpenApi,
  settingRows,
} from '../../../../scripts/generate-docs.ts';
import { ENV_VARS } from '../../src/config/env.ts';
import { ROUTES, toOpenApiPath } from '../../src/http/routes.ts';

const committed = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** Every leaf path of a settings object, dotted: `auth.username.enabled`. */
const leafPaths = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k))
    : [prefix];

/** Every path string in the ROUTES table. */
const routePaths = (node: unknown): string[] =>
  typeof node === 'string' ? [node] : Object.values(node as object).flatMap(routePaths);

describe('docs/errors.md', () => {
  const md = committed('docs/errors.md');
  const rows = parseErrorsMd(md);

  it('has a table row for every code in the registry', () => {
    const listed = new Set(rows.map((r) => r.code));
    const missing = Object.keys(ERRORS).filter((c) => !listed.has(c));
    expect(missing, 'codes missing from docs/errors.md').toEqual([]);
  });

  it('lists no code that is not in the registry', () => {
    const unknown = rows.map((r) => r.code).filter((c) => !Object.hasOwn(ERRORS, c));
    expect(unknown, 'codes in docs/errors.md that the registry does not have').toEqual([]);
  });

  it('lists each code once', () => {
    expect(rows).toHaveLength(Object.keys(ERRORS).length);
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
  });

  it("gives each code the registry's status and message", () => {
    for (const r of rows) {
      const entry = ERRORS[r.code as keyof typeof ERRORS];
      expect({ code: r.code, status: r.status, message: r.message }).toEqual({
        code: r.code,
        status: entry.status,
        message: entry.message,
      });
    }
  });

  it('is what the generator writes', () => {
    expect(md).toBe(renderErrorsMd());
  });

  it('the table parser finds a code that is not in the registry (so the checks above can fail)', () => {
    const tampered = `${md}| \`made_up_code\` | 418 | I am a teapot. |\n`;
    expect(parseErrorsMd(tampered).map((r) => r.code)).toContain('made_up_code');
    expect(parseErrorsMd(md.replace(/^\| `server_busy` .*\n/m, '')).map((r) => r.code)).not.toContain('server_busy');
  });
});

describe('docs/configuration.md', () => {
  const md = committed('docs/configuration.md');

  it('documents every instance setting', () => {
    const documented = new Set(settingRows().map((r) => r.path));
    expect(leafPaths(defaultSettings()).filter((p) => !documented.has(p))).toEqual([]);
    for (const p of leafPaths(defaultSettings())) expect(md).toContain(`| \`${p}\` |`);
  });

  it('documents every environment variable loadConfig reads', () => {
    const source = readFileSync(join(ROOT, 'packages/server/src/config/env.ts'), 'utf8');
    const read = [...new Set([...source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!))];
    expect(read.length).toBeGreaterThan(5);
    // A name with `<ID>` is one variable per social provider, read as env[`..._${key}_...`].
    const perProvider = [...source.matchAll(/\benv\[`([A-Z_]+)\$\{key\}([A-Z_]*)`\]/g)].map(
      (m) => `${m[1]}<ID>${m[2]}`,
    );
    expect(perProvider.length).toBeGreaterThan(0);
    const listed = ENV_VARS.map((v) => v.name);
    expect(
      [...read, ...perProvider].filter((n) => !listed.includes(n)),
      'variables missing from ENV_VARS',
    ).toEqual([]);
    expect(
      listed.filter((n) => !read.includes(n) && !perProvider.includes(n)),
      'ENV_VARS entries loadConfig never reads',
    ).toEqual([]);
    for (const n of listed) expect(md).toContain(`| \`${n}\` |`);
  });

  it('is what the generator writes', () => {
    expect(md).toBe(renderConfigurationMd());
  });
});

describe('docs/openapi.json', () => {
  const doc = JSON.parse(committed('docs/openapi.json')) as {
    openapi: string;
    paths: Record<string, Record<string, unknown>>;
  };

  it('is an OpenAPI 3.1 document', () => {
    expect(doc.openapi).toBe('3.1.0');
  });

  it.each([
    ['/v1/client/sign_ins', 'post'],
    ['/v1/client/sign_ups', 'post'],
    ['/v1/client/sessions/{session_id}/tokens', 'post'],
    ['/v1/environment', 'get'],
    ['/v1/users', 'post'],
    ['/v1/users/{user_id}', 'get'],
    ['/v1/users/{user_id}', 'delete'],
    ['/v1/instance/settings', 'patch'],
  ])('describes %s (%s)', (path, method) => {
    expect(doc.paths[path]?.[method]).toBeDefined();
  });

  it('describes every public route of the ROUTES table', () => {
    // The portal's built files are not an API; the catch-all serves a page at a configured path.
    const hidden = new Set<string>([ROUTES.health, ROUTES.openapi, ROUTES.portal.assets, ROUTES.portal.configuredPage]);
    const expected = routePaths(ROUTES)
      .filter((p) => !hidden.has(p))
      .map(toOpenApiPath);
    expect(expected.filter((p) => !(p in doc.paths))).toEqual([]);
    expect(Object.keys(doc.paths).filter((p) => !expected.includes(p))).toEqual([]);
  });

  it('is what the app produces now (run `npm run docs:generate` after changing a route)', async () => {
    const generated = await renderOpenApi();
    const now = JSON.parse(generated) as typeof doc;
    const changed = [...new Set([...Object.keys(doc.paths), ...Object.keys(now.paths)])].filter(
      (p) => JSON.stringify(doc.paths[p]) !== JSON.stringify(now.paths[p]),
    );
    expect(changed, 'paths whose description changed').toEqual([]);
    // Byte for byte (components, info, formatting), without printing a megabyte-long diff.
    expect(generated === committed('docs/openapi.json'), 'docs/openapi.json is out of date').toBe(true);
  });
});
