import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./client'),
  plugins: [react()],
  resolve: { alias: { '@shared': here('./shared'), '@client': here('./client/src') } },
  build: { outDir: here('./dist/client'), emptyOutDir: true },
  server: { port: 5173, proxy: { '/api': `http://localhost:${process.env.PORT ?? 3000}` } },
});
