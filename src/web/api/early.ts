/**
 * Early requests: the API reads a page makes first, started by boot.ts while the app's code is still loading, and
 * handed to the API client when the page asks for the same address in the same language (ADR 0017). Each answer is
 * used once, and only while fresh; anything else is asked for again as usual.
 */

/** An answer on its way: for which language, when it was asked for, and the response. */
interface EarlyRequest {
  language: string;
  startedAt: number;
  response: Promise<Response>;
}

declare global {
  interface Window {
    /** Kept on the window: boot.ts and the app are separate scripts. */
    __huiqiEarly?: Map<string, EarlyRequest>;
    /** Set when the app's code starts: from then on it makes its own requests, and boot.ts starts none. */
    __huiqiAppStarted?: boolean;
  }
}

/** An early answer older than this is not used (the page asks again). */
export const EARLY_MAX_AGE_MS = 10_000;

function requests(): Map<string, EarlyRequest> {
  window.__huiqiEarly ??= new Map();
  return window.__huiqiEarly;
}

/** The headers of a read, as the API client sends them. */
export function readHeaders(language: string): Record<string, string> {
  return { accept: 'application/json', 'accept-language': language };
}

/** Marks the app's code as started (main.tsx): a boot.ts that runs later starts nothing, so nothing is asked twice. */
export function markAppStarted(): void {
  window.__huiqiAppStarted = true;
}

/** Whether the app's code has started. */
export function appStarted(): boolean {
  return window.__huiqiAppStarted === true;
}

/** Starts a read of an API address now (boot.ts). */
export function startEarly(url: string, language: string): void {
  const response = fetch(url, { headers: readHeaders(language), credentials: 'same-origin' });
  // A failure is the page's to see: it asks again (takeEarly gives the failed promise, and request() retries).
  response.catch(() => undefined);
  requests().set(url, { language, startedAt: performance.now(), response });
}

/** The early answer for a read of this address in this language, once; null when there is none to use. */
export function takeEarly(url: string, language: string): Promise<Response> | null {
  const map = window.__huiqiEarly;
  const early = map?.get(url);
  if (!map || !early) return null;
  map.delete(url);
  if (early.language !== language || performance.now() - early.startedAt > EARLY_MAX_AGE_MS) return null;
  return early.response;
}
