/**
 * `npm run backup -- <file>`: a consistent copy of the database (DATABASE_PATH, default data/zhibiao.db)
 * taken while the server may be running, e.g. `npm run backup -- backups/zhibiao-2025-06-30.db`.
 * Restore by stopping the server and putting the copy in place of the database file.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { backupDatabase, DEFAULT_DATABASE_PATH } from '../db/client';

let args: string[] = [];
try {
  args = parseArgs({ args: process.argv.slice(2), allowPositionals: true, strict: true }).positionals;
} catch (err) {
  console.error((err as Error).message);
}
const [dest] = args;
if (!dest || args.length !== 1) {
  console.error('usage: npm run backup -- <backup-file.db>');
  process.exit(2);
}
const src = process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
if (!existsSync(src)) {
  console.error(`There is no database at ${src} to back up (set DATABASE_PATH).`);
  process.exit(1);
}
try {
  const { bytes, tables } = await backupDatabase(src, dest);
  console.log(`Backed up ${src} to ${dest} (${(bytes / 1048576).toFixed(1)} MB, ${tables} tables, integrity ok)`);
} catch (err) {
  console.error(`Backup failed: ${(err as Error).message}`);
  process.exit(1);
}
