// Vite build of the renderer: `npm run build` writes renderer/dist, which the Fastify server
// serves (engine/http/static.ts). `npx vite --config renderer/vite.config.ts` is a dev server that
// proxies /api and /docs to a Beian server on BEIAN_API (default http://127.0.0.1:3000).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.BEIAN_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts and the graph layout are large but loaded only by the pages that draw charts.
    chunkSizeWarningLimit: 1600,
  },
  // The engine's own Origin check compares Origin with Host: keep the Host of the page.
  server: { proxy: { '/api': { target: api, changeOrigin: false }, '/docs': { target: api } } },
});
