import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { HealthSchema } from '../../../../shared/schemas/common';
import { ProposalSchema } from '../../../../shared/schemas/proposal';
import { RegionSchema } from '../../../../shared/schemas/region';
import { StaleSummarySchema, SummarySchema } from '../../../../shared/schemas/summary';
import { TargetDetailSchema, TargetListSchema } from '../../../../shared/schemas/target';
import { NATIONAL_REGION } from '../../../../shared/taxonomy';
import { getJson, toSearch } from '../../api/http';
import type { TargetUrlFilters } from './filters';

export const PAGE_SIZE = 50;

export const targetQueries = {
  list: (filters: TargetUrlFilters & { pageSize?: number }) =>
    queryOptions({
      queryKey: ['targets', 'list', filters],
      queryFn: ({ signal }) =>
        getJson(`/api/targets${toSearch({ pageSize: PAGE_SIZE, ...filters })}`, TargetListSchema, signal),
      placeholderData: (prev) => prev,
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: ['targets', 'detail', id],
      queryFn: ({ signal }) => getJson(`/api/targets/${id}`, TargetDetailSchema, signal),
    }),
  summary: (filters: Omit<TargetUrlFilters, 'page' | 'sort' | 'order'>) =>
    queryOptions({
      queryKey: ['targets', 'summary', filters],
      queryFn: ({ signal }) => getJson(`/api/summary${toSearch(filters)}`, SummarySchema, signal),
    }),
  /** How many of the filtered targets are stale (GET /api/summary/stale). */
  stale: (filters: Omit<TargetUrlFilters, 'page' | 'sort' | 'order'>) =>
    queryOptions({
      queryKey: ['targets', 'summary', 'stale', filters],
      queryFn: ({ signal }) => getJson(`/api/summary/stale${toSearch(filters)}`, StaleSummarySchema, signal),
    }),
  proposals: (id: number) =>
    queryOptions({
      queryKey: ['targets', 'proposals', id],
      queryFn: ({ signal }) => getJson(`/api/targets/${id}/proposals`, z.array(ProposalSchema), signal),
    }),
  health: () =>
    queryOptions({ queryKey: ['health'], queryFn: ({ signal }) => getJson('/api/health', HealthSchema, signal) }),
};

export const regionQueries = {
  children: (parent: string) =>
    queryOptions({
      queryKey: ['regions', 'children', parent],
      queryFn: ({ signal }) =>
        getJson(
          parent === NATIONAL_REGION.code ? '/api/regions?level=province' : `/api/regions?parent=${parent}`,
          z.array(RegionSchema),
          signal,
        ),
      staleTime: Number.POSITIVE_INFINITY,
    }),
};
