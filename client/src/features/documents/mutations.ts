import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { IngestResultSchema } from '../../../../shared/schemas/document';
import { uploadFile } from '../../api/http';

/** Uploads a policy text; afterwards documents, targets and summaries are stale. */
export function useUploadDocumentMutation() {
  const qc = useQueryClient();
  const [progress, setProgress] = useState(0);
  const mutation = useMutation({
    mutationFn: (file: File) => {
      setProgress(0);
      return uploadFile('/api/documents', file, IngestResultSchema, setProgress);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['documents'] });
      void qc.invalidateQueries({ queryKey: ['targets'] });
      void qc.invalidateQueries({ queryKey: ['health'] });
    },
  });
  return { ...mutation, progress };
}
