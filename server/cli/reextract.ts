/**
 * `npm run reextract [-- --all] [--document <id>] [--dry-run]`: re-reads the stored documents an older engine
 * read (DATABASE_PATH, default data/zhibiao.db) with the current one and reconciles their figures, keeping
 * analysts' decisions, corrections and actuals (reextract.service). Every change goes to the audit log.
 * Exit code 0 when every document was re-read, 1 when one failed (left as it was), 2 for a bad command line.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DATABASE_PATH, openDatabase } from '../db/client';
import { ENGINE_VERSION } from '../extraction/index';
import { todayInChina } from '../lib/clock';
import { AppError } from '../lib/errors';
import { type DocumentReextract, type FigureChange, reextractDocuments } from '../services/reextract.service';

const USAGE = `usage: npm run reextract -- [--all] [--document <id>] [--dry-run]
  Re-reads stored documents read by an engine older than v${ENGINE_VERSION} and keeps analysts' work.
  --all            re-read every document, whatever engine read it
  --document <id>  only this document (re-read whatever engine read it)
  --dry-run        print what would change and write nothing`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let values: { all?: boolean; document?: string; 'dry-run'?: boolean; help?: boolean };
try {
  ({ values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      all: { type: 'boolean' },
      document: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (err) {
  fail((err as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const documentId = values.document === undefined ? undefined : Number(values.document);
if (documentId !== undefined && !(Number.isInteger(documentId) && documentId > 0))
  fail(`--document takes a document id (a whole number ≥ 1), not "${values.document}"`);

const show = (o: Record<string, unknown> | null) =>
  o === null
    ? ''
    : Object.entries(o)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(' ');

function describe(c: FigureChange): string {
  const id = c.targetId === null ? 'new' : `#${c.targetId}`;
  switch (c.what) {
    case 'added':
      return `  + ${id} line ${String(c.after.line)} ${String(c.after.metric)} ${String(c.after.value)}${String(c.after.unit)}: ${String(c.after.quote)}`;
    case 'changed':
      return `  ~ ${id} (matched by ${c.by}) ${show(c.before)} → ${show(c.after)}`;
    case 'gone':
      return `  - ${id} gone`;
    case 'flagged':
      return `  ! ${id} no longer found; kept, flagged (reviewed or has actuals)`;
  }
}

function summary(d: DocumentReextract): string {
  const c = d.counts;
  const head = `document ${d.documentId} (${d.fileName}) engine v${d.fromVersion} → v${d.toVersion}`;
  if (d.outcome === 'failed') return `${head}: failed, left as it was — ${d.error}`;
  if (d.outcome === 'skipped') return `${head}: skipped (changed by another process meanwhile)`;
  return `${head}: ${c.added} added, ${c.kept} kept, ${c.changed} changed, ${c.gone} gone, ${c.flagged} flagged`;
}

const dryRun = values['dry-run'] === true;
const db = openDatabase(process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH);
try {
  const report = reextractDocuments(db, {
    today: todayInChina(),
    dryRun,
    ...(values.all && { all: true }),
    ...(documentId !== undefined && { documentId }),
  });
  if (dryRun) console.log('Dry run: nothing is written.');
  if (!report.documents.length)
    console.log(`Every document was read by engine v${report.engineVersion}: nothing to do.`);
  for (const d of report.documents) {
    console.log(summary(d));
    for (const c of d.changes) console.log(describe(c));
  }
  const t = report.totals;
  console.log(
    `${dryRun ? 'Would re-extract' : 'Re-extracted'} ${t.documents} documents: ${t.added} added, ${t.kept} kept, ` +
      `${t.changed} changed, ${t.gone} gone, ${t.flagged} flagged${t.failed ? `; ${t.failed} failed` : ''}${t.skipped ? `; ${t.skipped} skipped` : ''}`,
  );
  db.$client.close();
  process.exit(t.failed ? 1 : 0);
} catch (err) {
  db.$client.close();
  if (err instanceof AppError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
