/** Vite build of the web app: root is src/web, output goes to <repo>/dist/web, which the server serves at `/`. */
import { rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { buildRecord, recordFile } from '../../bin/web-build.js';
import { allRoutes } from './routes.ts';

const root = import.meta.dirname;
const repo = path.resolve(root, '../..');
/** Where `vite` (dev) sends /api; override with HUIQI_API_URL when the server runs elsewhere. */
const apiTarget = process.env.HUIQI_API_URL ?? 'http://127.0.0.1:3000';

/**
 * Chunks of their own: React (every page) and ECharts (only pages that draw a chart); and the dictionaries, one file
 * a language. antd is not one chunk: its core comes with the app shell and each component with the pages that use
 * it, so a page loads only the components it shows (ADR 0017). The dictionaries come with the shell as before (both
 * languages: the switch is instant), but apart from antd's core and the app's code: together they made the shell
 * one 930 kB file, and wording, the most frequent change, no longer invalidates the cached shell code, nor code
 * the cached dictionaries.
 */
const chunkGroups = [
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/,
  },
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/ },
  // src/web/i18n/zh-CN.ts and every <part>.zh-CN.ts; the same for English.
  { name: 'i18n-zh', test: /src[\\/]web[\\/]i18n[\\/](\w+\.)?zh-CN\.ts$/ },
  { name: 'i18n-en', test: /src[\\/]web[\\/]i18n[\\/](\w+\.)?en\.ts$/ },
];

/**
 * Writes dist/web-build.json, the files this build is made of with their SHA-256, once the build is complete
 * (removed when a build starts): `npm start` refuses in production, and rebuilds in development, when it is
 * missing or the files changed since (ADR 0014).
 */
function buildRecordPlugin(): Plugin {
  let moduleIds: string[] = [];
  return {
    name: 'huiqi-build-record',
    apply: 'build',
    buildStart() {
      rmSync(recordFile, { force: true });
    },
    generateBundle() {
      moduleIds = [...this.getModuleIds()];
    },
    closeBundle(error) {
      if (error) return;
      writeFileSync(recordFile, `${JSON.stringify(buildRecord(moduleIds), null, 1)}\n`);
    },
  };
}

/** Where the build lists each page's chunks for the server (ADR 0017). */
export const PRELOAD_FILE = 'preload.json';

/**
 * Writes dist/web/preload.json: boot.ts built on its own as one classic script, and for each address of the page table
 * (routes.ts) the chunks its page needs beyond those the shell already loads (the page's own and the shared ones it
 * imports). The server names them in the shell it sends for that address (boot as a classic script first in the head, which runs the moment it arrives; the rest
 * as `<link rel="modulepreload">`), so they download while the app starts instead of after.
 */
function preloadListPlugin(): Plugin {
  return {
    name: 'huiqi-preload-list',
    apply: 'build',
    async generateBundle(_options, bundle) {
      // boot.ts must run before anything else, so it is one self-contained classic script rather than a module of
      // the app's graph (a module runs only once the modules it imports have arrived).
      const { build } = await import('esbuild');
      const built = await build({
        entryPoints: [path.join(root, 'boot.ts')],
        bundle: true,
        format: 'iife',
        minify: true,
        write: false,
        target: 'es2022',
        logLevel: 'silent',
      });
      const bootCode = built.outputFiles[0]?.text;
      if (!bootCode) throw new Error('boot.ts did not build');
      const boot = this.getFileName(this.emitFile({ type: 'asset', name: 'boot.js', source: bootCode }));
      const chunks = new Map(
        Object.values(bundle).flatMap((file) =>
          file.type === 'chunk' ? [[file.fileName, file] as const] : [],
        ),
      );
      /** A chunk and the chunks it imports statically, depth first (dependencies before dependents). */
      const closure = (fileName: string, into: string[] = []): string[] => {
        const chunk = chunks.get(fileName);
        if (!chunk || into.includes(fileName)) return into;
        into.push(fileName);
        for (const imported of chunk.imports) closure(imported, into);
        return into;
      };
      const entries = [...chunks.values()].filter((chunk) => chunk.isEntry);
      // What the shell loads anyway: the app's entry with what it imports.
      const shell = new Set(entries.flatMap((chunk) => closure(chunk.fileName)));
      const routes = allRoutes().map(({ path: address, route }) => {
        const source = path.join(root, 'pages', `${route.page}.tsx`);
        const chunk = [...chunks.values()].find((candidate) => candidate.facadeModuleId === source);
        if (!chunk) throw new Error(`no chunk for the page ${route.page} of ${address}`);
        return {
          path: address,
          files: closure(chunk.fileName)
            .filter((fileName) => !shell.has(fileName))
            .map((fileName) => `/${fileName}`),
        };
      });
      this.emitFile({
        type: 'asset',
        fileName: PRELOAD_FILE,
        source: `${JSON.stringify(
          {
            boot: `/${boot}`,
            routes,
          },
          null,
          1,
        )}\n`,
      });
    },
  };
}

/** Files worth compressing: text. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy beside each hashed asset, once at build time; the
 * server sends the one the browser accepts (@fastify/static preCompressed, ADR 0017). A copy that would not be
 * smaller is not written.
 */
function precompressPlugin(): Plugin {
  return {
    name: 'huiqi-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? path.join(repo, 'dist/web');
      const files = Object.values(bundle).filter(
        (file) => file.fileName.startsWith('assets/') && COMPRESSIBLE.test(file.fileName),
      );
      await Promise.all(
        files.map(async (file) => {
          const content = Buffer.from(file.type === 'chunk' ? file.code : file.source);
          const target = path.join(outDir, file.fileName);
          const [br, gz] = await Promise.all([
            brotli(content, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }),
            gzipped(content, { level: constants.Z_BEST_COMPRESSION }),
          ]);
          if (br.length < content.length) await writeFile(`${target}.br`, br);
          if (gz.length < content.length) await writeFile(`${target}.gz`, gz);
        }),
      );
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), preloadListPlugin(), precompressPlugin(), buildRecordPlugin()],
  build: {
    outDir: path.join(repo, 'dist/web'),
    emptyOutDir: true,
    // The largest chunks: the shell's (antd's core, React Query, the app's frame) and ECharts (~550 kB minified).
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: chunkGroups.map((group, index) => ({ ...group, priority: chunkGroups.length - index })),
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
