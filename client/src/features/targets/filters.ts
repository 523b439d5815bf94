import { TargetListQuerySchema } from '../../../../shared/schemas/target';
import { readUrlFilters, type UrlFilters, urlSearch } from '../../lib/urlFilters';

/** The target list's query as it lives in the URL (every filter, the sort and the page), so every view can be shared and reloaded. */
export type TargetUrlFilters = UrlFilters<typeof TargetListQuerySchema, 'pageSize'>;

/** Reads the filters from a query string, dropping any value the API would refuse. */
export function readFilters(sp: URLSearchParams): TargetUrlFilters {
  return readUrlFilters(TargetListQuerySchema, sp, ['pageSize']);
}

/** Link to the target list with these filters. */
export function targetsLink(f: TargetUrlFilters): string {
  return `/targets${urlSearch(f)}`;
}
