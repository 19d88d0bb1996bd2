import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The client is built into dist/client and served by the Fastify server; tests run with vitest (node by
// default, DOM tests opt in per file with `// @vitest-environment jsdom`).
export default defineConfig({
  root: 'client',
  plugins: [react()],
  // The manifest lets test/client/bundle-size.test.ts read which chunks each screen loads first.
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    manifest: true,
    // ECharts and its renderer zrender as two chunks, each under the 500 kB warning; only charts load them.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'zrender', test: /node_modules[\\/]zrender/ },
            { name: 'echarts', test: /node_modules[\\/]echarts/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080', '/socket.io': { target: 'http://localhost:8080', ws: true } } },
  test: {
    root: '.',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
  },
});
