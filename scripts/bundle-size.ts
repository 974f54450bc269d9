/**
 * `npm run size`: what the browser SDKs cost an app. Each entry is bundled from its sources
 * with Vite in library mode (ES module, minified, as an app's bundler would), with React
 * external, and measured raw and gzipped. Nothing is written to disk.
 */
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';

interface Entry {
  name: string;
  entry: string;
  external: string[];
}

const REACT = ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client'];
const ENTRIES: Entry[] = [
  { name: '@gatehouse/js', entry: 'packages/js/src/index.ts', external: [] },
  { name: '@gatehouse/react (with @gatehouse/js)', entry: 'packages/react/src/index.ts', external: REACT },
  { name: '@gatehouse/react (alone)', entry: 'packages/react/src/index.ts', external: [...REACT, '@gatehouse/js'] },
];

async function measure(e: Entry): Promise<{ minified: number; gzip: number }> {
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
    build: {
      write: false,
      minify: true,
      lib: { entry: e.entry, formats: ['es'], fileName: 'index' },
      rollupOptions: { external: (id) => e.external.some((x) => id === x || id.startsWith(`${x}/`)) },
    },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const outputs = Array.isArray(out) ? out : [out];
  const code = outputs
    .flatMap((o) => o.output)
    .filter((c): c is Rollup.OutputChunk => c.type === 'chunk')
    .map((c) => c.code)
    .join('\n');
  return { minified: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
for (const e of ENTRIES) {
  const { minified, gzip } = await measure(e);
  console.log(`${e.name.padEnd(40)} ${kb(minified).padStart(10)} minified ${kb(gzip).padStart(10)} gzip`);
}
