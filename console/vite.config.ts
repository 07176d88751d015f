import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The API embeds dist/ and serves it at /console under a strict Content-Security-Policy: no inline script or
// style, so nothing may be inlined (no module-preload polyfill, no data: assets, one CSS file).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  publicDir: false,
  plugins: [preact({ prerender: { enabled: false } })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    sourcemap: false,
  },
  server: {
    // `npx vite --config console/vite.config.ts` against a local stack: CONSOLE_API=http://127.0.0.1:7071
    proxy: { '/v1': process.env['CONSOLE_API'] ?? 'http://127.0.0.1:7071' },
  },
});
