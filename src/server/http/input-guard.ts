/**
 * Input no handler should ever see, refused before any handler (and before the session is looked up), each with
 * its own stable code:
 * - a path segment longer than a file name may be (255 bytes): 414 PATH_SEGMENT_TOO_LONG. The static files and the
 *   web app's fallback would otherwise ask the file system, which fails with ENAMETOOLONG;
 * - a NUL character or an unpaired UTF-16 surrogate in the path, the query string, the route parameters or a JSON
 *   body: 400 INVALID_CHARACTER naming the field. PostgreSQL text cannot hold NUL (the query fails, a streamed
 *   export is cut off mid-response), and an unpaired surrogate has no UTF-8 form (it would be stored as U+FFFD);
 * - JSON nested deeper than MAX_JSON_DEPTH: 400 JSON_TOO_DEEP, found by a scan of the raw text before parsing, so
 *   neither the parse nor any walk of the value after it can run out of stack.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Localized } from '../../shared/errors.ts';
import { AppError, type FieldError } from './errors.ts';

/** Deepest JSON nesting accepted. A policy rule may nest 24 levels (MAX_RULE_DEPTH), two JSON levels each. */
const MAX_JSON_DEPTH = 128;

/** Longest path segment accepted, in UTF-8 bytes: the longest file name (NAME_MAX) on Linux file systems. */
const MAX_PATH_SEGMENT_BYTES = 255;

/** A surrogate that is not half of a pair: under the `u` flag a pair is one code point, so only a lone half is Cs. */
const UNPAIRED_SURROGATE = /\p{Cs}/u;

const INVALID_MESSAGES: Record<'nul' | 'surrogate', Localized> = {
  nul: { zh: '不能包含空字符（NUL）', en: 'must not contain a NUL character' },
  surrogate: {
    zh: '不能包含不成对的 UTF-16 代理码元',
    en: 'must not contain an unpaired UTF-16 surrogate',
  },
};

/** What is wrong with a text, or null when PostgreSQL can store it as it is. */
function invalidCharacterIn(text: string): 'nul' | 'surrogate' | null {
  if (text.includes('\u0000')) return 'nul';
  return UNPAIRED_SURROGATE.test(text) ? 'surrogate' : null;
}

/**
 * A parsed container to look inside: an array, or a dictionary-like object (plain, prototype-less, or of a
 * prototype-less class such as the query-string parser's). Buffers and upload streams are not walked.
 */
function isWalkable(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

/** The first key or string (depth first) in a parsed value that holds an invalid character, with its path. */
function findInvalidText(value: unknown): FieldError | null {
  // An explicit stack: the value may be deep (a JSON body is limited, a query string is flat).
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      const kind = invalidCharacterIn(current);
      if (kind) return { field: path, message: INVALID_MESSAGES[kind] };
      continue;
    }
    if (current === null || typeof current !== 'object' || !isWalkable(current)) continue;
    const entries = Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown];
      const childPath = path ? `${path}.${key}` : key;
      const keyKind = invalidCharacterIn(key);
      if (keyKind) return { field: childPath, message: INVALID_MESSAGES[keyKind] };
      stack.push([child, childPath]);
    }
  }
  return null;
}

/** Whether JSON text nests arrays/objects deeper than `limit` (a scan of the text; strings are skipped). */
function isJsonDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isInString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) isInString = false;
    } else if (c === 0x22) {
      isInString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // the router answers bad percent-encoding (BAD_URL)
  }
}

function invalidCharacterError(error: FieldError): AppError {
  return new AppError('INVALID_CHARACTER', [error]);
}

/** Checks the path, query string and route parameters of a request; throws the AppError that refuses it. */
function checkRequestTarget(request: FastifyRequest): void {
  const pathname = (request.raw.url ?? request.url).split('?')[0] ?? '';
  const segments = pathname.split('/').map(decodeSegment);
  if (segments.some((segment) => Buffer.byteLength(segment) > MAX_PATH_SEGMENT_BYTES))
    throw new AppError('PATH_SEGMENT_TOO_LONG');
  // Route parameters first, so the error names the parameter (the files' wildcard `*` is the path); then the path
  // of a route without one.
  const param = findInvalidText(request.params);
  if (param) throw invalidCharacterError(param.field === '*' ? { ...param, field: 'path' } : param);
  const query = findInvalidText(request.query);
  if (query) throw invalidCharacterError(query);
  for (const segment of segments) {
    const kind = invalidCharacterIn(segment);
    if (kind) throw invalidCharacterError({ field: 'path', message: INVALID_MESSAGES[kind] });
  }
}

/**
 * Installs the guard: the request target is checked first thing (onRequest, so it holds for every route, the
 * static files, the web app's fallback and streamed exports alike), and JSON bodies are parsed by a parser that
 * refuses over-deep nesting before parsing and invalid characters after it.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => checkRequestTarget(request));
  // Fastify's own JSON parser (secure-json-parse, prototype poisoning refused), behind the depth scan.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (isJsonDeeperThan(text, MAX_JSON_DEPTH)) {
      done(
        new AppError('JSON_TOO_DEEP', [], {
          zh: `请求体 JSON 嵌套层数过多（最多 ${MAX_JSON_DEPTH} 层）`,
          en: `The JSON request body is nested too deeply (at most ${MAX_JSON_DEPTH} levels)`,
        }),
        undefined,
      );
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) return done(error, undefined);
      const found = findInvalidText(value);
      if (found) return done(invalidCharacterError({ ...found, field: found.field || 'body' }), undefined);
      done(null, value);
    });
  });
}
