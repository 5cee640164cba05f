import { defineConfig } from 'vite';

// Preact through esbuild's automatic JSX runtime: no plugin needed for a production build.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
});
