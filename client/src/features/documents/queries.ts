import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { DocumentArticleSchema, DocumentDetailSchema, DocumentSchema } from '../../../../shared/schemas/document';
import { getJson } from '../../api/http';

export const documentQueries = {
  list: () =>
    queryOptions({
      queryKey: ['documents', 'list'],
      queryFn: ({ signal }) => getJson('/api/documents', z.array(DocumentSchema), signal),
    }),
  articles: (id: number) =>
    queryOptions({
      queryKey: ['documents', 'articles', id],
      queryFn: ({ signal }) => getJson(`/api/documents/${id}/articles`, z.array(DocumentArticleSchema), signal),
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: ['documents', 'detail', id],
      queryFn: ({ signal }) => getJson(`/api/documents/${id}`, DocumentDetailSchema, signal),
    }),
};
