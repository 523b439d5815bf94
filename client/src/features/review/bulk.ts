import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { type BulkPatch, BulkResultSchema, TargetListSchema } from '../../../../shared/schemas/target';
import { getJson, sendJson, toSearch } from '../../api/http';
import type { UrlValues } from '../../lib/urlFilters';

/** The fields a bulk action may set from the queue or the targets list. */
export type BulkSet = BulkPatch['set'];

const UndoResultSchema = BulkResultSchema.extend({ undid: z.string() });

/** Every query a bulk change moves: lists, details, summaries, the document pages' queues and the audit log. */
function useInvalidateAfterWrite() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['targets'] });
    void qc.invalidateQueries({ queryKey: ['documents'] });
    void qc.invalidateQueries({ queryKey: ['review'] });
    void qc.invalidateQueries({ queryKey: ['audit'] });
  };
}

/** `PATCH /api/targets`: one change to many targets, each with the version the client saw. */
export function useBulkPatch() {
  const refresh = useInvalidateAfterWrite();
  return useMutation({
    mutationFn: (body: BulkPatch) => sendJson('PATCH', '/api/targets', body, BulkResultSchema),
    onSettled: refresh,
  });
}

/** `POST /api/batches/:id/undo`: puts back what a batch wrote on the records nobody changed since. */
export function useUndoBatch() {
  const refresh = useInvalidateAfterWrite();
  return useMutation({
    mutationFn: (batchId: string) => sendJson('POST', `/api/batches/${batchId}/undo`, undefined, UndoResultSchema),
    onSettled: refresh,
  });
}

/**
 * The ids and versions of every target a list filter matches ("all N matching this filter"), read page by
 * page at the API's largest page size.
 */
export async function allMatching(filters: UrlValues) {
  const out: { id: number; version: number }[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await getJson(
      `/api/targets${toSearch({ ...filters, sort: 'id', order: 'asc', page, pageSize: 500 })}`,
      TargetListSchema,
    );
    for (const t of items) out.push({ id: t.id, version: t.version });
    if (out.length >= total || items.length === 0) return out;
  }
}
