/** Vite build of the web app: root is src/web, output goes to <repo>/dist/web, which the server serves at `/`. */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
const repo = path.resolve(root, '../..');
/** Where `vite` (dev) sends /api; override with HUIQI_API_URL when the server runs elsewhere. */
const apiTarget = process.env.HUIQI_API_URL ?? 'http://127.0.0.1:3000';

/** Vendor chunks: React, antd (with its icons and rc-components) and ECharts each get their own file. */
const vendorGroups = [
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/,
  },
  {
    name: 'antd',
    test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|@emotion|dayjs|clsx|classnames|compute-scroll-into-view|scroll-into-view-if-needed|throttle-debounce|json2mq|string-convert|stylis|@babel[\\/]runtime)[\\/]/,
  },
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/ },
];

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(repo, 'dist/web'),
    emptyOutDir: true,
    // The antd vendor chunk (every antd component the app uses, ~1.2 MB minified, ~380 kB gzipped) is the largest.
    chunkSizeWarningLimit: 1300,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: vendorGroups.map((group, index) => ({ ...group, priority: vendorGroups.length - index })),
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': {
        target: apiTarget,
        changeOrigin: false,
        // The app's own modules under src/web/api/ (e.g. /api/client.ts) are served by Vite, not proxied.
        bypass: (req) => (/^\/api\/[^?]*\.tsx?(\?|$)/.test(req.url ?? '') ? req.url : undefined),
      },
    },
  },
});
