import { Router } from 'express';
import multer from 'multer';
import { ImportQuerySchema } from '../../shared/schemas/target';
import type { Db } from '../db/client';
import { requireAuth, requireRole } from '../lib/auth';
import { MAX_DOCUMENT_BYTES } from '../lib/encoding';
import { BadRequestError } from '../lib/errors';
import { route } from '../lib/validate';
import { importActuals } from '../services/import.service';

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 5 },
});

export function actualsRoutes(db: Db, today: () => string): Router {
  const r = Router();
  r.post(
    '/actuals/import',
    requireRole('analyst'),
    upload.single('file'),
    route({ query: ImportQuerySchema }, async ({ query }, req, res) => {
      const file = req.file;
      if (!file) {
        throw new BadRequestError('Send the sheet as multipart form data in the field "file".', undefined, 'NO_FILE');
      }
      const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8');
      const result = await importActuals(
        db,
        requireAuth(req).user,
        { fileName, content: file.buffer },
        query.dryRun ?? false,
        today(),
      );
      res.status(result.dryRun ? 200 : 201).json(result);
    }),
  );
  return r;
}
