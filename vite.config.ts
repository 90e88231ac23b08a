/**
 * Vite builds the renderer only (the engine and the Electron shell are bundled by
 * scripts/build-node.mjs). JSX goes through Vite's built-in Oxc transform with React's automatic
 * runtime, so no React plugin is needed. `base: './'` keeps asset URLs relative, which both the
 * Electron window (file://) and the serve host (http://127.0.0.1) can load.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // MUI plus React is one vendor chunk of about 500 kB; that is fine for a local app.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      onwarn(warning, warn) {
        // MUI marks its modules 'use client' for React Server Components; meaningless in a bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { host: '127.0.0.1', strictPort: false },
});
