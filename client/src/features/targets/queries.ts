import { queryOptions } from '@tanstack/react-query';
import { HealthSchema } from '../../../../shared/schemas/common';
import { type TargetListQuery, TargetListSchema } from '../../../../shared/schemas/target';
import { getJson, toSearch } from '../../api/http';

type ListFilters = Partial<Omit<TargetListQuery, 'includeGone'>>;

export const targetQueries = {
  list: (filters: ListFilters) =>
    queryOptions({
      queryKey: ['targets', 'list', filters],
      queryFn: ({ signal }) => getJson(`/api/targets${toSearch(filters)}`, TargetListSchema, signal),
    }),
  health: () =>
    queryOptions({ queryKey: ['health'], queryFn: ({ signal }) => getJson('/api/health', HealthSchema, signal) }),
};
