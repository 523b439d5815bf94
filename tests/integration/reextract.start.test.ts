/**
 * `npm run reextract` and the re-extraction the server runs at start, as processes on a real SQLite file. The
 * database holds a plan "read by an older engine": stored with engine version 0 (what migration 0005 gives
 * every document stored before versions were recorded) and with one figure's metric as that engine named it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client';
import { ENGINE_VERSION } from '../../server/extraction/index';
import { ingestDocument } from '../../server/services/ingest.service';

const dir = mkdtempSync(join(tmpdir(), 'zhibiao-reextract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PLAN =
  '湖南省数字经济发展三年行动计划（2024—2026年）\n\n到2026年，全省5G基站数达到15万个，千兆光网用户突破500万户。\n';
const OLD_METRIC = '旧引擎读出的指标名';

/** A database whose one document an older engine read; returns its path and the renamed figure's id. */
function olderDatabase(name: string): { path: string; targetId: number } {
  const path = join(dir, name);
  const db = openDatabase(path);
  const res = ingestDocument(db, { fileName: 'plan.txt', content: Buffer.from(PLAN) }, '2025-06-30');
  const id = res.document.id;
  db.$client.prepare('UPDATE documents SET engine_version = 0 WHERE id = ?').run(id);
  const t = db.$client.prepare("SELECT id FROM targets WHERE document_id = ? AND metric = '5G基站数'").get(id) as {
    id: number;
  };
  db.$client.prepare('UPDATE targets SET metric = ? WHERE id = ?').run(OLD_METRIC, t.id);
  db.$client.close();
  return { path, targetId: t.id };
}

function state(path: string, targetId: number) {
  const db = new Database(path, { readonly: true });
  try {
    return {
      engineVersions: (db.prepare('SELECT engine_version AS v FROM documents').all() as { v: number }[]).map(
        (r) => r.v,
      ),
      metric: (db.prepare('SELECT metric FROM targets WHERE id = ?').get(targetId) as { metric: string }).metric,
      audit: db.prepare('SELECT action, username, after FROM audit_log ORDER BY id').all() as {
        action: string;
        username: string | null;
        after: string;
      }[],
    };
  } finally {
    db.close();
  }
}

function cli(path: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/reextract.ts', ...args], {
    env: { ...process.env, DATABASE_PATH: path },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run reextract', () => {
  it('prints what a dry run would change and writes nothing; the real run writes it once', () => {
    const { path, targetId } = olderDatabase('cli.db');
    const dry = cli(path, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Dry run: nothing is written.');
    expect(dry.out).toContain(`engine v0 → v${ENGINE_VERSION}`);
    expect(dry.out).toContain(`~ #${targetId} (matched by fingerprint) metric="${OLD_METRIC}" → metric="5G基站数"`);
    expect(state(path, targetId)).toEqual({ engineVersions: [0], metric: OLD_METRIC, audit: [] });

    const run = cli(path);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Re-extracted 1 documents: 0 added, 1 kept, 1 changed, 0 gone, 0 flagged');
    const after = state(path, targetId);
    expect(after.engineVersions).toEqual([ENGINE_VERSION]);
    expect(after.metric).toBe('5G基站数');
    expect(after.audit.map((a) => [a.action, a.username])).toEqual([
      ['target.reextract', null],
      ['document.reextract', null],
    ]);

    const again = cli(path);
    expect(again.out).toContain('nothing to do');
    expect(state(path, targetId).audit).toHaveLength(2);
    // --all re-reads a current document anyway; nothing differs, so only the document's entry is added.
    expect(cli(path, '--all').out).toContain('0 added, 2 kept, 0 changed');
    expect(state(path, targetId).audit.map((a) => a.action)).toEqual([
      'target.reextract',
      'document.reextract',
      'document.reextract',
    ]);
  }, 60_000);

  it('refuses a bad command line with the usage and an unknown document with its id', () => {
    const { path } = olderDatabase('bad.db');
    const bad = cli(path, '--document', 'abc');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--document takes a document id');
    expect(bad.err).toContain('usage: npm run reextract');
    expect(cli(path, '--frobnicate').code).toBe(2);
    const missing = cli(path, '--document', '999');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Document 999 does not exist');
  }, 60_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The real entry point (server/index.ts), its default worker processes, until it listens; then stopped. */
async function startAndStop(path: string): Promise<string> {
  const port = await freePort();
  const { ZHIBIAO_ADMIN_PASSWORD: _unset, ZHIBIAO_WORKERS: _workers, ...env } = process.env;
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...env, PORT: String(port), DATABASE_PATH: path },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d) => {
    out += d;
  });
  proc.stderr?.on('data', (d) => {
    out += d;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    proc.stdout?.on('data', () => {
      if (out.includes('running on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  await exited;
  return out;
}

describe('the server at start', () => {
  it('re-extracts documents an older engine read once, before serving, and does nothing the next time', async () => {
    const { path, targetId } = olderDatabase('start.db');
    const first = await startAndStop(path);
    expect(first).toContain(
      `Re-extracted 1 documents read by an older engine (now v${ENGINE_VERSION}): 0 figures added, 1 kept, 1 changed`,
    );
    // Before serving: the line comes before the one saying the server runs.
    expect(first.indexOf('Re-extracted')).toBeLessThan(first.indexOf('running on'));
    const after = state(path, targetId);
    expect(after.engineVersions.every((v) => v === ENGINE_VERSION)).toBe(true);
    expect(after.metric).toBe('5G基站数');
    const entries = after.audit.filter((a) => a.action.endsWith('.reextract'));
    expect(entries.map((a) => a.action)).toEqual(['target.reextract', 'document.reextract']);

    const second = await startAndStop(path);
    expect(second).not.toContain('Re-extract');
    expect(state(path, targetId).audit.filter((a) => a.action.endsWith('.reextract'))).toHaveLength(2);
  }, 180_000);
});
