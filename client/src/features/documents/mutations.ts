import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { IngestResultSchema } from '../../../../shared/schemas/document';
import { uploadFile } from '../../api/http';

/** What an analyst may state beside the file (all optional; empty means not stated). */
export interface UploadFormFields {
  title?: string;
  region?: string;
  year?: string;
}

/** Uploads a policy document (PDF, DOCX, web page or text); afterwards documents, targets and summaries are stale. */
export function useUploadDocumentMutation() {
  const qc = useQueryClient();
  const [progress, setProgress] = useState(0);
  const mutation = useMutation({
    mutationFn: ({ file, fields = {} }: { file: File; fields?: UploadFormFields }) => {
      setProgress(0);
      return uploadFile('/api/documents', file, IngestResultSchema, setProgress, { ...fields });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['documents'] });
      void qc.invalidateQueries({ queryKey: ['targets'] });
      void qc.invalidateQueries({ queryKey: ['health'] });
    },
  });
  return { ...mutation, progress };
}
