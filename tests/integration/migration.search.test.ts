import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../server/db/client';
import * as schema from '../../server/db/schema';
import { listTargets } from '../../server/repos/targets.list.repo';
import { rollupCells } from '../../server/repos/targets.rollup.repo';
import { ensureStatusesFresh } from '../../server/services/status.service';
import { TargetListQuerySchema } from '../../shared/schemas/target';
import { buildDocument } from '../setup/factories';

// Migration 0011 on a database written before it: statuses stored as `overdue` are moved to missed / unreported
// (with the rollup following), and the search indexes are filled with the targets already there.

const dir = mkdtempSync(join(tmpdir(), 'zhibiao-mig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The migrations folder as it was before 0011: its SQL files and a journal that ends at 0010. */
function migrationsBefore0011(): string {
  const src = fileURLToPath(new URL('../../server/db/migrations', import.meta.url));
  const out = join(dir, 'migrations');
  mkdirSync(join(out, 'meta'), { recursive: true });
  for (const f of readdirSync(src)) if (/^00(?:0\d|10)_.*\.sql$/.test(f)) copyFileSync(join(src, f), join(out, f));
  const journal = JSON.parse(readFileSync(join(src, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number }[];
  };
  journal.entries = journal.entries.filter((e) => e.idx <= 10);
  writeFileSync(join(out, 'meta', '_journal.json'), JSON.stringify(journal));
  return out;
}

describe('migration 0011 (search indexes, missed / unreported)', () => {
  it('splits stored overdue statuses, keeps the rollup exact and indexes existing targets for search', () => {
    const path = join(dir, 'old.db');
    const raw = new Database(path);
    const old = drizzle(raw, { schema }) as Db;
    migrate(old, { migrationsFolder: migrationsBefore0011() });
    const documentId = buildDocument(old, '旧文件\n到2024年，全省5G基站达到10万个。\n').id;
    // Rows as the code of 0010 wrote them (the factories write today's columns, which a later migration added).
    const oldTarget = (metric: string, quote: string) => ({
      id: Number(
        raw
          .prepare(
            `INSERT INTO targets (document_id, source_file, line, quote, kind, article, region, region_code, theme, metric,
               comparator, value, unit, normalized_value, normalized_unit, deadline, confidence, fingerprint)
             VALUES (?, 'old.txt', 2, ?, 'target', '旧文件', '浙江省', '330000', 'network', ?, '=', 10, '万个', 100000, '个',
               '2024', 0.8, ?)`,
          )
          .run(documentId, quote, metric, metric).lastInsertRowid,
      ),
    });
    const withActual = oldTarget('5G基站数', '全省5G基站达到10万个');
    const silent = oldTarget('千兆光网覆盖率', '千兆光网覆盖率达到90%');
    // As the old code stored them: both overdue, one with an actual short of its target.
    raw
      .prepare(
        "UPDATE targets SET status = 'overdue', latest_actual_id = 1, latest_actual_value = 3, latest_actual_as_of = '2024-12-31' WHERE id = ?",
      )
      .run(withActual.id);
    raw.prepare("UPDATE targets SET status = 'overdue' WHERE id = ?").run(silent.id);
    raw.prepare("INSERT INTO meta (key, value) VALUES ('statusDate', '2026-03-01')").run();
    raw.close();

    const db = openDatabase(path);
    try {
      const status = (id: number) => db.$client.prepare('SELECT status FROM targets WHERE id = ?').pluck().get(id);
      expect(status(withActual.id)).toBe('missed');
      expect(status(silent.id)).toBe('unreported');
      expect(db.$client.prepare("SELECT count(*) FROM targets WHERE status = 'overdue'").pluck().get()).toBe(0);
      // The rollup moved with them (its triggers saw the update): no overdue cell is left.
      expect(rollupCells(db).filter((c) => (c.status as string) === 'overdue')).toEqual([]);
      expect(rollupCells(db).find((c) => c.status === 'missed')?.count).toBe(1);
      // The day's statuses are recomputed by status.ts on the next read.
      expect(db.$client.prepare("SELECT value FROM meta WHERE key = 'statusDate'").pluck().get()).toBeUndefined();
      ensureStatusesFresh(db, '2026-03-01');
      expect(status(silent.id)).toBe('unreported');

      const search = (q: string) =>
        listTargets(db, TargetListQuerySchema.parse({ q }))
          .rows.map((r) => r.id)
          .sort((a, b) => a - b);
      expect(search('5G基站')).toEqual([withActual.id]);
      expect(search('5G')).toEqual([withActual.id]);
      expect(search('光网')).toEqual([silent.id]);
      expect(search('测试文件')).toEqual([withActual.id, silent.id].sort((a, b) => a - b));
    } finally {
      db.$client.close();
    }
  });
});
