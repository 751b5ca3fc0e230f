/**
 * List filters kept in the URL (search parameters), so a filtered list can be shared, reloaded and walked with
 * Back. Every list page reads and patches its filters through `useUrlFilters`, so they all answer a filter change
 * the same way: a parameter set to nothing goes away, and a change that does not set the page goes back to page 1.
 */
import { useSearchParams } from 'react-router';

/** A patch of URL parameters: `undefined`, `null` or '' removes one. */
export type ParamPatch = Record<string, string | number | null | undefined>;

/** Reads one parameter (null when absent) into a typed value; a malformed value reads as nothing. */
export type ParamParser<T> = (value: string | null) => T;

/** Whether a patch is a new history entry (Back undoes it) or replaces the current one. */
export type HistoryMode = 'push' | 'replace';

/** The parameter of the page number, dropped on any change that does not set it. */
const PAGE = 'page';

/** A copy of `params` with `patch` applied; unless the patch sets the page, the page goes back to the first. */
export function patchParams(params: URLSearchParams, patch: ParamPatch): URLSearchParams {
  const next = new URLSearchParams(params);
  if (!(PAGE in patch)) next.delete(PAGE);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === null || value === '') next.delete(key);
    else next.set(key, String(value));
  }
  return next;
}

/** A reader of typed filters from the URL, one parser per parameter (named as the filter). */
export function paramReader<P extends Record<string, ParamParser<unknown>>>(
  parsers: P,
): (params: URLSearchParams) => { [K in keyof P]: ReturnType<P[K]> } {
  return (params) => {
    const filters: Record<string, unknown> = {};
    for (const [key, parse] of Object.entries(parsers)) filters[key] = parse(params.get(key));
    return filters as { [K in keyof P]: ReturnType<P[K]> };
  };
}

/** A parameter as given, or undefined when absent or empty. */
export function textParam(value: string | null): string | undefined {
  return value || undefined;
}

/** A parameter without surrounding blanks, or undefined when nothing is left. */
export function trimmedParam(value: string | null): string | undefined {
  return value?.trim() || undefined;
}

/** `true` when the parameter is 'true', otherwise undefined (the filter is off). */
export function flagParam(value: string | null): true | undefined {
  return value === 'true' ? true : undefined;
}

/** One of `values`, or undefined. */
export function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** A whole number from 1 to `max`, or undefined. */
export function positiveParam(value: string | null, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const number = Number(value);
  return value && Number.isSafeInteger(number) && number > 0 && number <= max ? number : undefined;
}

/** A parameter matching `pattern` (anchored by the caller), or undefined. */
export function matching(pattern: RegExp): ParamParser<string | undefined> {
  return (value) => (value && pattern.test(value) ? value : undefined);
}

/** A list page's filters in the URL: the filters read, and how to change them. */
export interface UrlFilters<T> {
  filters: T;
  params: URLSearchParams;
  /** Applies a patch (see `patchParams`); a patch that changes nothing leaves the history alone. */
  update: (patch: ParamPatch) => void;
  /** Clears every parameter but those of `keep`. */
  reset: (keep?: ParamPatch) => void;
}

/**
 * The filters `read` from the URL and their changes. `history` says, for each patch, whether it is a step Back
 * can undo ('push': a drill-down) or replaces the current entry ('replace': refining the same view).
 */
export function useUrlFilters<T>(
  read: (params: URLSearchParams) => T,
  history: HistoryMode | ((patch: ParamPatch) => HistoryMode) = 'replace',
): UrlFilters<T> {
  const [params, setParams] = useSearchParams();
  const modeOf = (patch: ParamPatch) => (typeof history === 'function' ? history(patch) : history);
  const go = (next: URLSearchParams, patch: ParamPatch) => {
    if (next.toString() !== params.toString()) setParams(next, { replace: modeOf(patch) === 'replace' });
  };
  return {
    filters: read(params),
    params,
    update: (patch) => go(patchParams(params, patch), patch),
    reset: (keep = {}) => go(patchParams(new URLSearchParams(), keep), keep),
  };
}
