import { existsSync, linkSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { LRUCache } from 'lru-cache';
import { THEMES } from '../../shared/taxonomy';
import { allRegions } from '../lib/regions';
import { ensureIndicatorCatalogue } from '../services/indicators.service';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export const DEFAULT_DATABASE_PATH = 'data/zhibiao.db';

/**
 * Opens (creating if needed) the SQLite file, applies pending migrations and loads the reference
 * tables (regions, themes). WAL lets readers go on while an ingest or import writes.
 */
export function openDatabase(path: string = DEFAULT_DATABASE_PATH): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  cachePreparedStatements(sqlite);
  registerSearchFunctions(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder });
  loadReferenceData(db);
  ensureIndicatorCatalogue(db);
  // Table statistics for the query planner, as SQLite advises for long-lived connections: without them it
  // guesses, and on 100,000 targets it guessed a deadline range over the index that returns a page in order.
  // Analysis is capped (analysis_limit), so this stays in milliseconds however large the file.
  sqlite.pragma('analysis_limit = 1000');
  sqlite.pragma('optimize = 0x10002');
  return db;
}

/**
 * `search_chars(text)`: the text with a space between characters, which the search triggers (migration 0011)
 * index in target_search_chars so that a 1–2 character query is a phrase of characters. Every connection that
 * writes targets needs it, so every connection opened here registers it before migrating; a tool writing the file
 * without it is refused by SQLite ("no such function"), never left with an index out of step.
 */
export function registerSearchFunctions(sqlite: Database.Database): void {
  sqlite.function('search_chars', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? Array.from(text).join(' ') : null,
  );
}

/** How many compiled statements a connection keeps; the app has a few dozen query shapes. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Drizzle compiles its SQL again on every call (`client.prepare`): under load a tenth of the server's CPU went
 * to SQLite's parser for the same few dozen statements. Keep compiled statements by their text (least recently
 * used out) and hand them back in their default mode — drizzle switches some to raw arrays — unless one is busy
 * with an open cursor, in which case the caller gets a fresh statement.
 */
function cachePreparedStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new LRUCache<string, Database.Statement>({ max: STATEMENT_CACHE_SIZE });
  sqlite.prepare = ((source: string) => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      if (hit.reader) hit.raw(false).pluck(false).expand(false);
      return hit;
    }
    const stmt = prepare(source);
    if (!hit) cache.set(source, stmt);
    return stmt;
  }) as typeof sqlite.prepare;
}

/**
 * A second, read-only connection to the same file, for long cursors (CSV exports) that must not
 * hold the main connection. An in-memory database has no file to share, so it reads in place.
 */
export function openReader(db: Db): Database.Database {
  const { name, memory } = db.$client;
  if (memory) throw new Error('openReader needs a file database');
  const reader = new Database(name, { readonly: true, fileMustExist: true });
  reader.pragma('busy_timeout = 5000');
  return reader;
}

function loadReferenceData(db: Db): void {
  const regions = allRegions();
  const have = db.$client.prepare('SELECT count(*) AS n FROM regions').get() as { n: number };
  db.transaction((tx) => {
    if (have.n !== regions.length) {
      tx.delete(schema.regions).run();
      for (let i = 0; i < regions.length; i += 500) {
        tx.insert(schema.regions)
          .values(regions.slice(i, i + 500).map((r) => ({ ...r })))
          .run();
      }
    }
    for (const t of THEMES) {
      tx.insert(schema.themes)
        .values({ key: t.key, nameZh: t.zh, nameEn: t.en })
        .onConflictDoUpdate({ target: schema.themes.key, set: { nameZh: t.zh, nameEn: t.en } })
        .run();
    }
  });
}

/**
 * Copies a live database to `dest` while the server goes on reading and writing, with `VACUUM INTO`: one read
 * transaction sees a consistent snapshot (what is still in the WAL file included) and writes it out whole, so
 * the copy always gets to the end. (The online backup API, used before, starts over whenever another connection
 * writes: under ~9 writes/s a 281 MB database was still not copied after 140 s.) The copy is written under a
 * temporary name in the same folder, checked with `PRAGMA integrity_check`, and only then renamed to `dest`,
 * so a run that is killed part-way never leaves a half-written file by that name.
 */
export async function backupDatabase(src: string, dest: string): Promise<{ bytes: number; tables: number }> {
  if (existsSync(dest)) throw new Error(`${dest} already exists; choose a new file name.`);
  mkdirSync(dirname(dest), { recursive: true });
  const partial = `${dest}.partial-${process.pid}-${Date.now()}`;
  try {
    const sqlite = new Database(src, { fileMustExist: true });
    try {
      sqlite.pragma('busy_timeout = 5000');
      sqlite.prepare('VACUUM INTO ?').run(partial);
    } finally {
      sqlite.close();
    }
    const copy = new Database(partial, { readonly: true });
    let tables: number;
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the backup failed its integrity check: ${String(check)}`);
      tables = (copy.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    } finally {
      copy.close();
    }
    // linkSync fails if `dest` appeared meanwhile, where renameSync would replace it; a file system without hard
    // links gets the rename.
    try {
      linkSync(partial, dest);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw e;
      renameSync(partial, dest);
    }
    return { bytes: statSync(dest).size, tables };
  } finally {
    rmSync(partial, { force: true });
  }
}
