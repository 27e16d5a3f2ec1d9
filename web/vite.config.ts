// Builds the web workbench (web/src) into web/dist, which the platform serves at / (src/platform/http/server.ts).
// `npm run dev:web` runs Vite's dev server with /api proxied to a platform started on :8080.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.resolve(webDir, '..');

export default defineConfig({
  root: webDir,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(webDir, 'dist'),
    emptyOutDir: true,
    // Ant Design is one large chunk shared by every page; pages themselves are split by route.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    port: 5173,
    // The client imports the server's shared rules and types from ../src.
    fs: { allow: [repoDir] },
    proxy: { '/api': `http://127.0.0.1:${process.env.SAFETYNET_API_PORT ?? '8080'}` },
  },
});
