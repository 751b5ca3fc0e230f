/**
 * The web app's shell (index.html) as sent for an address: the build's shell with boot.ts first (it starts the
 * page's first API reads) and the chunks of that address's page named in `<link rel="modulepreload">`, from the
 * build's dist/web/preload.json (see src/web/routes.ts), so the browser fetches them while the app starts rather
 * than after (ADR 0017). Files are read again when they change on
 * disk, so a rebuilt app is served without a restart.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { matchRoute } from '../../shared/route-pattern.ts';

/** A page's address pattern ('/app/cases/:id') and the files its page needs beyond the shell's. */
interface PreloadRoute {
  path: string;
  files: string[];
}

/** The build's preload list: boot.ts's script, and each page's chunks. */
interface PreloadList {
  boot: string | null;
  routes: PreloadRoute[];
}

/** The shell for one address: its body and the ETag of that body. */
export interface Shell {
  body: string;
  etag: string;
}

/** A file path of ours as a safe attribute value (the build names files [A-Za-z0-9_./-]; anything else is left out). */
const SAFE_FILE = /^\/assets\/[A-Za-z0-9_.-]+\.js$/;

/** The links naming a page's files, one per line. */
function preloadLinks(files: readonly string[]): string {
  return files
    .filter((file) => SAFE_FILE.test(file))
    .map((file) => `    <link rel="modulepreload" crossorigin href="${file}">\n`)
    .join('');
}

function isFileList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((file) => typeof file === 'string');
}

/** Reads the build's preload list; a build without one (or an unreadable one) preloads nothing. */
function readPreload(file: string): PreloadList {
  const none: PreloadList = { boot: null, routes: [] };
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const routes = Array.isArray(parsed.routes)
      ? parsed.routes.filter(
          (route): route is PreloadRoute => typeof route?.path === 'string' && isFileList(route.files),
        )
      : [];
    const boot = typeof parsed.boot === 'string' && SAFE_FILE.test(parsed.boot) ? parsed.boot : null;
    return { boot, routes };
  } catch {
    return none;
  }
}

/**
 * The shell with boot.ts first (a classic script: it runs the moment it arrives, while the browser's preload scanner
 * goes on fetching what follows) and the page's chunks named in the head.
 */
function withPreloads(html: string, preload: PreloadList, route: PreloadRoute | undefined): string {
  let body = html;
  const firstScript = body.indexOf('<script');
  if (preload.boot && firstScript >= 0) {
    const boot = `<script src="${preload.boot}"></script>\n    `;
    body = `${body.slice(0, firstScript)}${boot}${body.slice(firstScript)}`;
  }
  const links = route ? preloadLinks(route.files) : '';
  if (links && body.includes('</head>')) body = body.replace('</head>', `${links}  </head>`);
  return body;
}

function modified(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** A shell source over a built web app: `shellFor(pathname)` gives the shell for an address. */
export function webShell(webDir: string): { shellFor: (pathname: string) => Shell } {
  const indexFile = path.join(webDir, 'index.html');
  const preloadFile = path.join(webDir, 'preload.json');
  let version = '';
  let html = '';
  let preload: PreloadList = { boot: null, routes: [] };
  const shells = new Map<string, Shell>();

  function refresh(): void {
    const current = `${modified(indexFile)}|${modified(preloadFile)}`;
    if (current === version) return;
    html = readFileSync(indexFile, 'utf8');
    preload = readPreload(preloadFile);
    shells.clear();
    version = current;
  }

  return {
    shellFor(pathname) {
      refresh();
      const route = matchRoute(preload.routes, pathname);
      const key = route?.path ?? '';
      let shell = shells.get(key);
      if (!shell) {
        const body = withPreloads(html, preload, route);
        shell = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
        shells.set(key, shell);
      }
      return shell;
    },
  };
}
