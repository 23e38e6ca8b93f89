// The client build: root is client/, output client/dist (served by the API
// server at /). In development Vite proxies /api to the server on port 3000.
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Cytoscape and its layouts are most of the weight; one chunk is simplest to cache.
    chunkSizeWarningLimit: 1500,
    // Svelte's compiler is most of the build time, as expected: the timing advice is noise.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
