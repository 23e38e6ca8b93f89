// The client build: root is client/, output client/dist (served by the API
// server at /). In development Vite proxies /api to the server on port 3000.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The graph view (Cytoscape and its layouts) is a chunk of its own, imported by
 * the first script once it runs: a modulepreload link in the page starts its
 * download beside the first script's and the catalogue's, not after them. The
 * graph's font files (lib/graph/graphFont.ts: the graph waits for them before it
 * measures a label) are preloaded the same way.
 */
function preloadGraphChunk(): Plugin {
  return {
    name: 'secretum:preload-graph-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter(
          (output) => output.type === 'chunk' && output.isDynamicEntry && output.facadeModuleId?.endsWith('/GraphView.svelte'),
        );
        if (chunks.length !== 1) throw new Error(`expected one GraphView chunk, found ${chunks.length}`);
        const fonts = Object.values(ctx.bundle ?? {}).filter(
          (output) => output.type === 'asset' && /noto-sans-latin-(400|700)-normal.*\.woff2$/.test(output.fileName),
        );
        if (fonts.length !== 2) throw new Error(`expected the graph font's two woff2 files, found ${fonts.length}`);
        return {
          html,
          tags: [
            { tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunks[0].fileName}` }, injectTo: 'head' },
            ...fonts.map((font) => ({
              tag: 'link',
              attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: true, href: `/${font.fileName}` },
              injectTo: 'head' as const,
            })),
          ],
        };
      },
    },
  };
}

/**
 * Each script and stylesheet is also written compressed, as `.br` (brotli at its best) and `.gz`, which
 * the server sends as they are (server/api/precompressed.ts): none is compressed again per request.
 */
function precompress(): Plugin {
  const [br, gz] = [promisify(brotliCompress), promisify(gzip)];
  return {
    name: 'secretum:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const files = Object.keys(bundle).filter((name) => /\.(js|css|svg|json)$/.test(name));
      await Promise.all(
        files.map(async (name) => {
          const path = join(options.dir!, name);
          const body = await readFile(path);
          await writeFile(`${path}.br`, await br(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }));
          await writeFile(`${path}.gz`, await gz(body, { level: 9 }));
        }),
      );
    },
  };
}

export default defineConfig({
  root,
  plugins: [svelte(), preloadGraphChunk(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Cytoscape and its layouts are most of the weight; one chunk is simplest to cache.
    chunkSizeWarningLimit: 1500,
    // One stylesheet, loaded with the page: the graph chunk's few rules split off made its import
    // wait for a stylesheet requested only then, a round trip on the first view's critical path.
    cssCodeSplit: false,
    // Svelte's compiler is most of the build time, as expected: the timing advice is noise.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
