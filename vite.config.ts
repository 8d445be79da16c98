import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The browser app: sources in web/, built into dist/web/ beside the server bundle, which serves
// it. `npm run dev:web` serves it with hot reload and forwards /api to a running `npm start`.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
