// Vite build of the renderer: `npm run build` writes renderer/dist, which the Fastify server
// serves (engine/http/static.ts). `npx vite --config renderer/vite.config.ts` is a dev server that
// proxies /api and /docs to a Beian server on BEIAN_API (default http://127.0.0.1:3000).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.BEIAN_API ?? 'http://127.0.0.1:3000';

/**
 * Writes a .br and a .gz beside every built script, style sheet and SVG over 1 KB, at the highest
 * levels (once, at build time); the server sends them to browsers that accept them
 * (@fastify/static `preCompressed`), so no request pays for compression.
 */
function precompress(): Plugin {
  return {
    name: 'beian-precompress',
    apply: 'build',
    writeBundle(options) {
      const dir = path.join(options.dir ?? path.join(root, 'dist'), 'assets');
      if (!fs.existsSync(dir)) return;
      for (const name of fs.readdirSync(dir)) {
        if (!/\.(js|css|svg)$/.test(name)) continue;
        const file = path.join(dir, name);
        const body = fs.readFileSync(file);
        if (body.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts and the graph layout are large but loaded only by the pages that draw charts.
    chunkSizeWarningLimit: 1600,
  },
  // The engine's own Origin check compares Origin with Host: keep the Host of the page.
  server: { proxy: { '/api': { target: api, changeOrigin: false }, '/docs': { target: api } } },
});
