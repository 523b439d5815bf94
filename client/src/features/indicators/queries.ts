import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type IndicatorDetailQuery,
  IndicatorDetailSchema,
  type IndicatorListQuery,
  IndicatorListSchema,
  IndicatorSchema,
  type NewIndicator,
  RegionOverviewSchema,
  type TargetIndicator,
  TargetIndicatorResultSchema,
} from '../../../../shared/schemas/indicator';
import type { TargetFilters } from '../../../../shared/schemas/target';
import { getJson, sendJson, toSearch } from '../../api/http';

export const indicatorQueries = {
  list: (q: IndicatorListQuery) =>
    queryOptions({
      queryKey: ['indicators', 'list', q],
      queryFn: ({ signal }) => getJson(`/api/indicators${toSearch(q)}`, IndicatorListSchema, signal),
      placeholderData: (prev) => prev,
    }),
  detail: (id: number, q: IndicatorDetailQuery) =>
    queryOptions({
      queryKey: ['indicators', 'detail', id, q],
      queryFn: ({ signal }) => getJson(`/api/indicators/${id}${toSearch(q)}`, IndicatorDetailSchema, signal),
      placeholderData: (prev) => prev,
    }),
  /** A region's overview (KPIs, status mix, children, national comparison) under the page's filters. */
  regionOverview: (code: string, filters: Omit<TargetFilters, 'region'>) =>
    queryOptions({
      // Under 'targets' too, so that writes refreshing target queries refresh it.
      queryKey: ['targets', 'regionOverview', code, filters],
      queryFn: ({ signal }) =>
        getJson(
          `/api/regions/${code}/overview${toSearch(filters as Record<string, string | number | boolean | undefined>)}`,
          RegionOverviewSchema,
          signal,
        ),
      placeholderData: (prev) => prev,
    }),
};

/** An analyst's assignment of a target to an indicator (or none); every view of targets and indicators follows. */
export function useAssignIndicatorMutation(targetId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TargetIndicator) =>
      sendJson('PUT', `/api/targets/${targetId}/indicator`, body, TargetIndicatorResultSchema),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['targets'] });
      void qc.invalidateQueries({ queryKey: ['indicators'] });
    },
  });
}

export function useCreateIndicatorMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewIndicator) => sendJson('POST', '/api/indicators', body, IndicatorSchema),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['indicators'] });
      void qc.invalidateQueries({ queryKey: ['targets'] });
    },
  });
}

/** Merges indicator `from` into `into`: its synonyms and targets move over and it is deleted. */
export function useMergeIndicatorMutation(into: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (from: number) => sendJson('POST', `/api/indicators/${into}/merge`, { from }, IndicatorSchema),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['indicators'] });
      void qc.invalidateQueries({ queryKey: ['targets'] });
    },
  });
}

/** Splits chosen targets of indicator `id` off into a new indicator. */
export function useSplitIndicatorMutation(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; targetIds: number[] }) =>
      sendJson('POST', `/api/indicators/${id}/split`, body, IndicatorSchema),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['indicators'] });
      void qc.invalidateQueries({ queryKey: ['targets'] });
    },
  });
}
