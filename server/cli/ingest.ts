/**
 * `npm run ingest -- <file...>`: stores policy documents (.txt, .pdf, .docx, .html/.htm) and their extracted
 * figures in the database (DATABASE_PATH, default data/zhibiao.db), exactly as an upload through the API does.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DATABASE_PATH, openDatabase } from '../db/client';
import { todayInChina } from '../lib/clock';
import { AppError } from '../lib/errors';
import { ingestFile } from '../services/ingest.service';

const USAGE = 'usage: npm run ingest -- <file.txt|.pdf|.docx|.html> [more files…]';
let files: string[] = [];
try {
  files = parseArgs({ args: process.argv.slice(2), allowPositionals: true, strict: true }).positionals;
} catch (err) {
  console.error((err as Error).message);
}
if (!files.length) {
  console.error(USAGE);
  process.exit(2);
}
const db = openDatabase(process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH);
let failed = 0;
for (const file of files) {
  try {
    const res = await ingestFile(db, { fileName: basename(file), content: readFileSync(file) }, todayInChina());
    const f = res.figures;
    console.log(
      `${file}: ${res.outcome} (${res.document.encoding}); figures added ${f.added}, kept ${f.kept}, gone ${f.gone}` +
        (f.flagged ? `, ${f.flagged} no longer found but kept and flagged (reviewed or with actuals)` : ''),
    );
  } catch (err) {
    failed++;
    const msg = err instanceof AppError || (err as NodeJS.ErrnoException).code ? (err as Error).message : String(err);
    console.error(`${file}: refused — ${msg}`);
  }
}
db.$client.close();
process.exit(failed ? 1 : 0);
