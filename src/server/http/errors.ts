/**
 * One AppError with stable codes, and one handler that turns every failure into
 * `{ code, message, errors? }` in the caller's language, logging 5xx with the request id and hiding their detail.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, type ErrorBody, type ErrorCode, type Localized } from '../../shared/errors.ts';
import { isDatabaseUnavailable } from '../db/connection-errors.ts';

/** Seconds a client is asked to wait before trying again after a 503 (the `Retry-After` header). */
export const RETRY_AFTER_SECONDS = 5;

/** A field-level problem, in both languages. */
export interface FieldError {
  field: string;
  message: Localized;
}

/** The only error type services throw on purpose. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly errors: FieldError[] = [],
    readonly detail?: Localized,
  ) {
    super(detail?.en ?? ERROR_CODES[code].en);
    this.name = 'AppError';
    this.status = ERROR_CODES[code].status;
  }

  /** A 400 for one field. */
  static field(field: string, message: Localized): AppError {
    return new AppError('VALIDATION_FAILED', [{ field, message }]);
  }
}

/** The language to answer in: English when the client asks for it first, Chinese otherwise. */
export function requestLanguage(request: FastifyRequest): 'zh' | 'en' {
  const header = request.headers['accept-language'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

/** One problem of the schema validator (TypeBox's compiler) as Fastify attaches it. */
export interface SchemaIssue {
  instancePath?: string;
  schemaPath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const MISSING: Localized = { zh: '必填', en: 'is required' };
const NOT_ALLOWED: Localized = { zh: '不允许的字段', en: 'is not an allowed field' };

/** How a module names the fields of schema problems and words some of them (see `schemaFieldErrors`). */
export interface SchemaErrorStyle {
  /** The field a JSON pointer (`/declarations/0`) and a property under it name; default `declarations.0.leaf`. */
  fieldOf?: (pointer: string, leaf: string) => string;
  /** A module's own words for an issue on a field; undefined for the common words. */
  messageOf?: (issue: SchemaIssue, field: string) => Localized | undefined;
}

/** A JSON pointer and a property under it as dotted fields: `/declarations/0` + `item` → `declarations.0.item`. */
const dottedField = (pointer: string, leaf: string) =>
  [pointer.replace(/^\//, '').replace(/\//g, '.'), leaf].filter(Boolean).join('.');

/**
 * The schema's problems as field errors, one per field (the first said): a missing or unknown property on its own
 * name, the others on their field (else on the request part, else `body`), in the common words unless the style
 * gives its own. The one converter of the error handler and of forms that add their service's problems to the
 * schema's (procurement.input.ts).
 */
export function schemaFieldErrors(
  issues: readonly SchemaIssue[],
  part?: string,
  style: SchemaErrorStyle = {},
): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of issues) {
    for (const fieldError of issueErrors(issue, part, style)) {
      if (seen.has(fieldError.field)) continue;
      seen.add(fieldError.field);
      errors.push(fieldError);
    }
  }
  return errors;
}

/** Expands one schema issue into field errors (one per missing or unknown property). */
function issueErrors(issue: SchemaIssue, part: string | undefined, style: SchemaErrorStyle): FieldError[] {
  const fieldOf = style.fieldOf ?? dottedField;
  const join = (leaf: string) => fieldOf(issue.instancePath ?? '', leaf);
  const params = issue.params ?? {};
  const listed = (value: unknown): string[] =>
    Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
  if (issue.keyword === 'required') {
    return [...listed(params.requiredProperties), ...listed(params.missingProperty)].map((leaf) => ({
      field: join(leaf),
      message: MISSING,
    }));
  }
  if (issue.keyword === 'additionalProperties') {
    return [...listed(params.additionalProperties), ...listed(params.additionalProperty)].map((leaf) => ({
      field: join(leaf),
      message: NOT_ALLOWED,
    }));
  }
  if (issue.keyword === 'boolean' && issue.schemaPath?.endsWith('/additionalProperties')) {
    return [{ field: join(''), message: NOT_ALLOWED }];
  }
  const field = join('') || part || 'body';
  return [{ field, message: style.messageOf?.(issue, field) ?? issueMessage(issue, part) }];
}

/** A record's number in the address (`/api/policies/abc`): says what it should be, not a JSON type. */
const NOT_AN_ID: Localized = {
  zh: '应为正整数编号',
  en: 'must be a positive whole number (a record’s number)',
};

function issueMessage(issue: SchemaIssue, part?: string): Localized {
  const params = issue.params ?? {};
  switch (issue.keyword) {
    case 'type':
      if (part === 'params' && params.type === 'integer') return NOT_AN_ID;
      return { zh: `类型应为 ${String(params.type)}`, en: `must be of type ${String(params.type)}` };
    case 'minLength':
      return {
        zh: `至少 ${String(params.limit)} 个字符`,
        en: `must have at least ${String(params.limit)} characters`,
      };
    case 'maxLength':
      return {
        zh: `最多 ${String(params.limit)} 个字符`,
        en: `must have at most ${String(params.limit)} characters`,
      };
    case 'minimum':
      return { zh: `不能小于 ${String(params.limit)}`, en: `must be at least ${String(params.limit)}` };
    case 'maximum':
      return { zh: `不能大于 ${String(params.limit)}`, en: `must be at most ${String(params.limit)}` };
    case 'pattern':
      return { zh: '格式不正确', en: 'has the wrong format' };
    case 'format':
      return { zh: `应为 ${String(params.format)} 格式`, en: `must be a valid ${String(params.format)}` };
    case 'enum':
    case 'const':
    case 'anyOf':
      return { zh: '不是允许的取值', en: 'is not one of the allowed values' };
    case 'maxItems':
      return { zh: `最多 ${String(params.limit)} 项`, en: `must have at most ${String(params.limit)} items` };
    default:
      return {
        zh: `无效（${issue.message ?? issue.keyword ?? ''}）`,
        en: `is invalid (${issue.message ?? issue.keyword ?? ''})`,
      };
  }
}

function toAppError(
  error: FastifyError & { validation?: SchemaIssue[]; validationContext?: string },
): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) {
    const errors = schemaFieldErrors(error.validation, error.validationContext);
    // A bad part of the address is named in the message itself: the caller asked for something that is no record.
    const first = errors[0];
    if (error.validationContext === 'params' && first)
      return new AppError('VALIDATION_FAILED', errors, {
        zh: `地址中的参数 ${first.field} 无效：${first.message.zh}`,
        en: `The address's parameter ${first.field} is not valid: it ${first.message.en}`,
      });
    return new AppError('VALIDATION_FAILED', errors);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MALFORMED_JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('BODY_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    default:
      break;
  }
  // A lost database connection fails this request only; the pool has discarded the connection.
  if (isDatabaseUnavailable(error)) return new AppError('DATABASE_UNAVAILABLE');
  // PostgreSQL SQLSTATEs that mean the input, not the server, is at fault.
  const sqlState = (error as { code?: unknown }).code;
  if (typeof sqlState === 'string' && /^[0-9A-Z]{5}$/.test(sqlState)) {
    if (sqlState === '23505') return new AppError('ALREADY_EXISTS');
    if (sqlState === '40001' || sqlState === '40P01') return new AppError('CONFLICT');
    if (sqlState.startsWith('22')) return new AppError('BAD_REQUEST');
  }
  if (error.statusCode === 429) return new AppError('RATE_LIMITED');
  if (error instanceof SyntaxError || error.statusCode === 400) return new AppError('BAD_REQUEST');
  if (error.statusCode === 413) return new AppError('BODY_TOO_LARGE');
  if (error.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
  return new AppError('INTERNAL');
}

/** Builds the response body for an AppError in the request's language. */
export function errorBody(request: FastifyRequest, error: AppError): ErrorBody {
  const lang = requestLanguage(request);
  const body: ErrorBody = {
    code: error.code,
    message: error.detail?.[lang] ?? ERROR_CODES[error.code][lang],
    requestId: request.id,
  };
  if (error.errors.length > 0) {
    body.errors = error.errors.map((e) => ({ field: e.field, message: e.message[lang] }));
  }
  return body;
}

/** Installs the one error handler and the not-found handler (which serves the web app's shell when there is one). */
export function installErrorHandling(
  app: FastifyInstance,
  options: {
    /** Sends the web app's shell for a client-side route; absent when the server has no web app. */
    sendShell?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply;
  },
): void {
  // Only JSON bodies are accepted; other content types get 415.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.code === 'DATABASE_UNAVAILABLE') {
      request.log.warn({ detail: error.message }, 'database unavailable');
      // Worth trying again soon: a new connection is opened for the next request.
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (appError.status >= 500) {
      request.log.error({ err: error }, 'request failed');
    } else if (!(error instanceof AppError)) {
      request.log.info({ code: appError.code, detail: error.message }, 'request rejected');
    }
    void reply.status(appError.status).send(errorBody(request, appError));
  });
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes of the web app: any other GET outside /api gets the app shell.
    // A missing file (a path with an extension, e.g. an old /assets/*.js) stays a 404.
    const pathname = request.url.split('?')[0] ?? '';
    if (
      options.sendShell &&
      request.method === 'GET' &&
      !pathname.startsWith('/api/') &&
      (pathname === '/index.html' || !/\.[a-z0-9]+$/i.test(pathname))
    ) {
      return options.sendShell(request, reply);
    }
    return reply.status(404).send(errorBody(request, new AppError('ROUTE_NOT_FOUND')));
  });
}
