/**
 * Run as a child process by the crash tests: performs one import or ingest on the given database and
 * says when it starts, so the parent can SIGKILL it part-way through.
 * argv: <dbPath> <import|ingest> <payload file> <actor id>
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { openDatabase } from '../../server/db/client';
import { importActuals } from '../../server/services/import.service';
import { ingestDocument } from '../../server/services/ingest.service';

const [dbPath, mode, payload, actorId] = process.argv.slice(2);
if (!dbPath || !payload || !actorId) throw new Error('usage: crashChild <db> <import|ingest> <file> <actorId>');
const db = openDatabase(dbPath);
const content = readFileSync(payload);
const actor = { id: Number(actorId), username: 'crash-test', role: 'analyst' as const };
process.stdout.write('ready\n');
if (mode === 'import') {
  await importActuals(db, actor, { fileName: basename(payload), content }, false, '2026-06-30');
} else {
  ingestDocument(db, { fileName: basename(payload), content }, '2026-06-30', actor);
}
process.stdout.write('done\n');
