/**
 * Builds the Account Portal into dist/: hashed files under dist/assets, served by the server at
 * /portal/assets/*, and dist/.vite/manifest.json, from which the server learns their names.
 * No index.html: the server writes each page's HTML (with its config and strict CSP) itself.
 */
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/portal/',
  plugins: [react()],
  // The workspace packages are read from their TypeScript sources.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    rollupOptions: { input: 'src/main.tsx' },
  },
});
