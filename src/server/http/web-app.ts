/**
 * The web app's files as the server sends them (ADR 0017). The build writes each hashed asset with a brotli (.br)
 * and a gzip (.gz) copy beside it; the file sent is chosen by Accept-Encoding (`Vary: Accept-Encoding`), with the
 * original's Content-Type and the sent file's Content-Length and ETag.
 */
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Files under assets/: Vite names each by its content hash, so a file never changes under its name. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Everything else (the shell index.html): cached, but asked again each time (a 304 when unchanged). */
export const SHELL_CACHE_CONTROL = 'no-cache';

/** Serves the built web app from webDir at `/` (the shell for client-side routes is the not-found handler's). */
export async function serveWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const assetsDir = `${path.join(path.resolve(webDir), 'assets')}${path.sep}`;
  await app.register(fastifyStatic, {
    root: webDir,
    // Files are looked up per request, so a rebuilt app is served without a restart.
    wildcard: true,
    index: 'index.html',
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      void reply.header(
        'cache-control',
        filePath.startsWith(assetsDir) ? ASSET_CACHE_CONTROL : SHELL_CACHE_CONTROL,
      );
    },
  });
}
