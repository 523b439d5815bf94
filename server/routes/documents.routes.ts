import { Router } from 'express';
import multer from 'multer';
import { IdParamSchema } from '../../shared/schemas/common';
import type { Db } from '../db/client';
import { requireAuth, requireRole } from '../lib/auth';
import { MAX_DOCUMENT_BYTES } from '../lib/encoding';
import { BadRequestError } from '../lib/errors';
import { route } from '../lib/validate';
import { getDocumentDetail, listAllDocuments } from '../services/documents.service';
import { ingestDocument } from '../services/ingest.service';

// Held in memory: the limit is 10 MB and the text is decoded and stored whole anyway.
const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 5 },
});

export function documentsRoutes(db: Db, today: () => string): Router {
  const r = Router();
  r.get(
    '/documents',
    route({}, (_input, _req, res) => {
      res.json(listAllDocuments(db));
    }),
  );
  r.get(
    '/documents/:id',
    route({ params: IdParamSchema }, ({ params }, _req, res) => {
      res.json(getDocumentDetail(db, params.id));
    }),
  );
  r.post(
    '/documents',
    // Checked before multer reads the body, so a viewer's upload is refused without buffering 10 MB.
    requireRole('analyst'),
    upload.single('file'),
    route({}, (_input, req, res) => {
      const file = req.file;
      if (!file)
        throw new BadRequestError('Send the text as multipart form data in the field "file".', undefined, 'NO_FILE');
      // Browsers send multipart file names as latin1-decoded UTF-8 bytes; recover the Chinese name.
      const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8');
      const result = ingestDocument(db, { fileName, content: file.buffer }, today(), requireAuth(req).user);
      res.status(result.outcome === 'created' ? 201 : 200).json(result);
    }),
  );
  return r;
}
