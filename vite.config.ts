// Renderer build. One output serves both Electron (loaded from disk) and browsers (served by the HTTP transport),
// so every asset URL is relative (`base: './'`).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: `${repoRoot}dist/renderer`,
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // The renderer imports the shared contract from ../src-main/contract.
    fs: { allow: [repoRoot] },
  },
});
