import { Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { ImportQuerySchema, LangSchema } from '../../shared/schemas/target';
import type { Db } from '../db/client';
import { requireAuth, requireRole } from '../lib/auth';
import { sendCsv } from '../lib/csv';
import { MAX_DOCUMENT_BYTES } from '../lib/encoding';
import { BadRequestError } from '../lib/errors';
import { route } from '../lib/validate';
import { XLSX_TYPE, xlsxBuffer } from '../lib/xlsx';
import { importActuals, importTemplate } from '../services/import.service';

const TemplateQuerySchema = z.object({ lang: LangSchema.default('zh') }).strict();

/** Widths of the template's columns: id, region, metric, deadline, value, date, note. */
const TEMPLATE_WIDTHS = [10, 14, 32, 10, 12, 12, 30];

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
        query.lang,
      );
      res.status(result.dryRun ? 200 : 201).json(result);
    }),
  );
  r.get(
    '/actuals/template.csv',
    route({ query: TemplateQuerySchema }, async ({ query }, _req, res) => {
      await sendCsv(res, 'zhibiao-import-template', importTemplate(query.lang).header, [], today());
    }),
  );
  r.get(
    '/actuals/template.xlsx',
    route({ query: TemplateQuerySchema }, async ({ query }, _req, res) => {
      const { header, help } = importTemplate(query.lang);
      const buf = await xlsxBuffer([
        {
          name: query.lang === 'zh' ? '实绩' : 'Actuals',
          preamble: [],
          header,
          layout: TEMPLATE_WIDTHS.map((width, i) => ({ width, numFmt: i === 5 ? 'yyyy-mm-dd' : undefined })),
          rows: [],
        },
        {
          name: query.lang === 'zh' ? '说明' : 'How to fill',
          preamble: [],
          header: [help],
          layout: [{ width: 120 }],
          rows: [],
        },
      ]);
      res.setHeader('Content-Type', XLSX_TYPE);
      res.setHeader('Content-Disposition', `attachment; filename="zhibiao-import-template-${today()}.xlsx"`);
      res.send(buf);
    }),
  );
  return r;
}
