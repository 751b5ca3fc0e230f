/**
 * The web app's files as the server sends them (ADR 0017). The build writes each hashed asset with a brotli (.br)
 * and a gzip (.gz) copy beside it; the file sent is chosen by Accept-Encoding (`Vary: Accept-Encoding`), with the
 * original's Content-Type and the sent file's Content-Length and ETag.
 */
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Shell } from './web-shell.ts';

/** Files under assets/: Vite names each by its content hash, so a file never changes under its name. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Everything else (the shell index.html): cached, but asked again each time (a 304 when unchanged). */
export const SHELL_CACHE_CONTROL = 'no-cache';

/**
 * Serves the built web app's files from webDir at `/`. The shell itself (`/`, `/index.html` and every client-side
 * route) is not a file sent as it is: the not-found handler sends it with the address's page chunks named
 * (sendShell).
 */
export async function serveWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const assetsDir = `${path.join(path.resolve(webDir), 'assets')}${path.sep}`;
  await app.register(fastifyStatic, {
    root: webDir,
    // Files are looked up per request, so a rebuilt app is served without a restart.
    wildcard: true,
    index: false,
    // The shell is the not-found handler's (sendShell), with the address's page chunks named.
    allowedPath: (pathname) => pathname !== '/' && pathname !== '/index.html',
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

/** Sends the shell for the request's address (200, or 304 when the browser's copy is current). */
export function sendShell(
  shellFor: (pathname: string) => Shell,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const pathname = request.url.split('?')[0] ?? '/';
  const { body, etag } = shellFor(pathname === '/index.html' ? '/' : pathname);
  void reply
    .header('cache-control', SHELL_CACHE_CONTROL)
    .header('etag', etag)
    .type('text/html; charset=utf-8');
  const cached = request.headers['if-none-match'];
  if (cached?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))
    return reply.status(304).send();
  return reply.status(200).send(body);
}
