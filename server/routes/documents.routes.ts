import { type NextFunction, type Request, type Response, Router } from 'express';
import multer, { MulterError } from 'multer';
import { IdParamSchema } from '../../shared/schemas/common';
import { ContextPatchSchema } from '../../shared/schemas/context';
import { UploadFieldsSchema } from '../../shared/schemas/document';
import type { Db } from '../db/client';
import { MAX_UPLOAD_BYTES } from '../formats/index';
import { requireAuth, requireRole } from '../lib/auth';
import { BadRequestError, PayloadTooLargeError } from '../lib/errors';
import { route } from '../lib/validate';
import { correctDocumentContext } from '../services/context.service';
import {
  getDocumentDetail,
  getDocumentOriginal,
  listAllDocuments,
  listDocumentArticles,
} from '../services/documents.service';
import { ingestFile } from '../services/ingest.service';

// Held in memory: the original is stored whole (up to 50 MB for a PDF or DOCX; each format's own limit is checked
// once the format is known), and pdfjs reads a PDF from memory anyway.
const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 },
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
  r.get(
    '/documents/:id/articles',
    route({ params: IdParamSchema }, ({ params }, _req, res) => {
      res.json(listDocumentArticles(db, params.id));
    }),
  );
  r.get(
    '/documents/:id/original',
    route({ params: IdParamSchema }, ({ params }, _req, res) => {
      const original = getDocumentOriginal(db, params.id);
      // attachment() encodes a Chinese file name for the header (filename*=UTF-8''…) and sets a type from the
      // extension; the stored type (with the text's charset) replaces it.
      res.attachment(original.fileName).type(original.mediaType).send(original.bytes);
    }),
  );
  // An analyst's correction of what the engine decided about the document; the document is read again with it.
  r.patch(
    '/documents/:id/context',
    requireRole('analyst'),
    route({ params: IdParamSchema, body: ContextPatchSchema }, ({ params, body }, req, res) => {
      res.json(correctDocumentContext(db, requireAuth(req).user, params.id, body, today()));
    }),
  );
  r.post(
    '/documents',
    // Checked before multer reads the body, so a viewer's upload is refused without buffering 50 MB.
    requireRole('analyst'),
    upload.single('file'),
    // multer's own size error names no limit; say the limits of this upload.
    (err: unknown, _req: Request, _res: Response, next: NextFunction) => {
      next(
        err instanceof MulterError && err.code === 'LIMIT_FILE_SIZE'
          ? new PayloadTooLargeError(
              'The file is larger than 50 MB, the limit for PDF and Word files (10 MB for .txt and .html).',
            )
          : err,
      );
    },
    // Optional fields beside the file: title, region (GB/T 2260 code), year.
    route({ body: UploadFieldsSchema }, async ({ body }, req, res) => {
      const file = req.file;
      if (!file)
        throw new BadRequestError(
          'Send the document (.pdf, .docx, .html, .txt) as multipart form data in the field "file".',
          undefined,
          'NO_FILE',
        );
      // Browsers send multipart file names as latin1-decoded UTF-8 bytes; recover the Chinese name.
      const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8');
      const result = await ingestFile(
        db,
        { fileName, content: file.buffer, stated: body },
        today(),
        requireAuth(req).user,
      );
      res.status(result.outcome === 'created' ? 201 : 200).json(result);
    }),
  );
  return r;
}
