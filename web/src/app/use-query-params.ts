// A list page keeps its filters and paging in the URL, so a view can be linked, reloaded and gone back to.
// The URL holds only what differs from the page's defaults: a filter set back to its default leaves no trace.
import { useSearchParams } from 'react-router-dom';

export type QueryPatch = Record<string, string | number | boolean | null | undefined>;

export interface QueryOptions {
  /** Values that mean "as by default" and so are left out of the URL; page 1 always is. */
  defaults?: Record<string, string | number>;
  /** A change of filter starts again at page 1 (unless the patch sets the page itself). */
  resetPage?: boolean;
}

/** The URL's parameters after a change: empty values, false and defaults are removed, the rest set. */
export function patchQuery(current: URLSearchParams, patch: QueryPatch, { defaults = {}, resetPage = false }: QueryOptions = {}): URLSearchParams {
  const all: Record<string, string | number> = { page: 1, ...defaults };
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(patch)) {
    const isDefault = key in all && String(value) === String(all[key]);
    if (value === undefined || value === null || value === '' || value === false || isDefault) next.delete(key);
    else next.set(key, String(value));
  }
  if (resetPage && !('page' in patch)) next.delete('page');
  return next;
}

/** The URL's parameters, update(patch) to change some of them, and setParams to replace them all. */
export function useQueryParams(options: QueryOptions = {}) {
  const [params, setParams] = useSearchParams();
  const update = (patch: QueryPatch) => setParams(patchQuery(params, patch, options));
  return [params, update, setParams] as const;
}
