import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client';
import { ingestDocument } from '../../server/services/ingest.service';
import { createUser } from '../../server/services/users.service';
import { buildTargets } from '../setup/factories';

const child = fileURLToPath(new URL('../setup/crashChild.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'zhibiao-crash-'));
const base = join(dir, 'base.db');
let actorId = 0;
let targetIds: number[] = [];

beforeAll(async () => {
  const db = openDatabase(base);
  actorId = (
    await createUser(db, null, { username: 'crash-analyst', password: 'crash test password', role: 'analyst' })
  ).id;
  buildTargets(db, 50, (i) => ({ metric: `崩溃测试指标${i}` }));
  targetIds = (
    db.$client.prepare("SELECT id FROM targets WHERE metric LIKE '崩溃测试指标%'").all() as { id: number }[]
  ).map((r) => r.id);
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child on a copy of the base database and kills it `delayMs` after it starts working. */
function runAndKill(
  dbPath: string,
  mode: 'import' | 'ingest',
  payload: string,
  delayMs: number,
): Promise<{ finished: boolean }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dbPath, mode, payload, String(actorId)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stderr.on('data', (d) => {
      err += d;
    });
    proc.stdout.on('data', (d) => {
      out += d;
      if (out.includes('ready') && !out.includes('scheduled')) {
        out += 'scheduled';
        setTimeout(() => proc.kill('SIGKILL'), delayMs);
      }
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${err}`));
      else resolve({ finished: out.includes('done') });
    });
  });
}

function inspect(dbPath: string) {
  const db = new Database(dbPath);
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? '';
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      integrity,
      actuals: count('SELECT count(*) AS n FROM actuals'),
      importAudits: count("SELECT count(*) AS n FROM audit_log WHERE action = 'actual.import'"),
      documents: count("SELECT count(*) AS n FROM documents WHERE file_name = 'big-plan.txt'"),
      figures: count("SELECT count(*) AS n FROM targets WHERE metric NOT LIKE '崩溃测试指标%'"),
      articles: count('SELECT count(*) AS n FROM articles'),
    };
  } finally {
    db.close();
  }
}

const DELAYS = [0, 40, 150, 400, 1000];

describe('a process killed with SIGKILL', () => {
  it('in the middle of an import leaves every actual or none of them', async () => {
    const rows = Array.from(
      { length: 10_000 },
      (_, i) => `${targetIds[i % targetIds.length]},${i},2026-01-${String((i % 28) + 1).padStart(2, '0')},row ${i}`,
    );
    const csv = join(dir, 'big.csv');
    writeFileSync(csv, `targetId,value,asOf,note\n${rows.join('\n')}\n`);
    let killedMidway = 0;
    for (const delay of DELAYS) {
      const dbPath = join(dir, `import-${delay}.db`);
      copyFileSync(base, dbPath);
      const { finished } = await runAndKill(dbPath, 'import', csv, delay);
      const after = inspect(dbPath);
      expect(after.integrity).toBe('ok');
      expect([0, 10_000]).toContain(after.actuals);
      expect(after.importAudits).toBe(after.actuals ? 1 : 0);
      if (!finished) killedMidway++;
    }
    expect(killedMidway, 'at least one kill landed before the import finished').toBeGreaterThan(0);
  }, 120_000);

  it('in the middle of an ingest leaves the document whole or absent', async () => {
    const seed = readFileSync(fileURLToPath(new URL('../../seeds/003_2d4aade026752050.txt', import.meta.url)), 'utf8');
    const text = Array.from({ length: 6 }, (_, i) => seed.replaceAll('2025', String(2030 + i))).join('\n');
    const doc = join(dir, 'big-plan.txt');
    writeFileSync(doc, text);
    // What a complete ingest of this text stores.
    const refPath = join(dir, 'reference.db');
    copyFileSync(base, refPath);
    const ref = openDatabase(refPath);
    ingestDocument(ref, { fileName: 'big-plan.txt', content: Buffer.from(text) }, '2026-06-30');
    ref.$client.close();
    const whole = inspect(refPath);
    expect(whole.figures).toBeGreaterThan(100);
    let killedMidway = 0;
    for (const delay of DELAYS) {
      const dbPath = join(dir, `ingest-${delay}.db`);
      copyFileSync(base, dbPath);
      const { finished } = await runAndKill(dbPath, 'ingest', doc, delay);
      const after = inspect(dbPath);
      expect(after.integrity).toBe('ok');
      if (after.documents === 0) expect([after.figures, after.articles]).toEqual([0, 0]);
      else expect([after.documents, after.figures, after.articles]).toEqual([1, whole.figures, whole.articles]);
      if (!finished) killedMidway++;
    }
    expect(killedMidway, 'at least one kill landed before the ingest finished').toBeGreaterThan(0);
  }, 120_000);
});
