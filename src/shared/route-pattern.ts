/**
 * Matching an address to the web app's page table (src/web/routes.ts): used in the browser (boot.ts) and by the
 * server when it names a page's chunks in the shell. A pattern is a path of segments where ':name' matches any one
 * segment; the longest exact match wins ('/app/cases' over '/app/cases/:id' for '/app/cases').
 */

function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Whether an address matches a pattern ('/app/cases/:id' matches '/app/cases/17', not '/app/cases/17/x'). */
export function matchesPattern(pattern: string, pathname: string): boolean {
  const want = segments(pattern);
  const have = segments(pathname);
  return (
    want.length === have.length &&
    want.every((segment, index) => segment.startsWith(':') || segment === have[index])
  );
}

/** The entry whose pattern matches an address, preferring one without parameters; undefined when none does. */
export function matchRoute<T extends { path: string }>(
  routes: readonly T[],
  pathname: string,
): T | undefined {
  const candidates = routes.filter((route) => matchesPattern(route.path, pathname));
  return candidates.find((route) => !route.path.includes(':')) ?? candidates[0];
}
