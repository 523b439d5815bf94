import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ActualAddedSchema, type NewActual, type TargetPatch, TargetSchema } from '../../../../shared/schemas/target';
import { sendJson } from '../../api/http';

/**
 * A new actual moves the target's progress and status, and with them every list, summary and chart
 * it appears in: all target queries are refreshed, and the audit trail.
 */
export function useAddActualMutation(targetId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewActual) => sendJson('POST', `/api/targets/${targetId}/actuals`, body, ActualAddedSchema),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['targets'] });
      void qc.invalidateQueries({ queryKey: ['documents'] });
    },
  });
}

/** A review decision or correction under optimistic concurrency; a 409 refetches the fresh record. */
export function usePatchTargetMutation(targetId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TargetPatch) => sendJson('PATCH', `/api/targets/${targetId}`, body, TargetSchema),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['targets'] });
      void qc.invalidateQueries({ queryKey: ['documents'] });
    },
  });
}

/** Records a reported figure from a text as an actual of the target. */
export function useAcceptProposalMutation(targetId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (figureId: number) =>
      sendJson('POST', `/api/targets/${targetId}/proposals/${figureId}/accept`, undefined, ActualAddedSchema),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['targets'] });
    },
  });
}
