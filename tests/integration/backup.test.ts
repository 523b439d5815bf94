import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../setup/auth';
import { buildTarget, buildTargets } from '../setup/factories';
import { startTestServer, type TestServer } from '../setup/server';

let srv: TestServer;
const dir = mkdtempSync(join(tmpdir(), 'zhibiao-backup-'));

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  await srv.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `npm run backup -- <args>` as a separate process, as an operator would. */
function backup(
  args: string[],
  env: Record<string, string> = { DATABASE_PATH: srv.dbPath },
  onSpawn?: (pid: number) => void,
) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
    });
    proc.stderr.on('data', (d) => {
      out += d;
    });
    if (proc.pid !== undefined) onSpawn?.(proc.pid);
    proc.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

describe('npm run backup', () => {
  it('copies the live database, writes still in the WAL included, while the server keeps running', async () => {
    const analyst = await loginAs(srv, 'analyst');
    const t = buildTarget(srv.db);
    await analyst.send('POST', `/api/targets/${t.id}/actuals`, { value: 4, asOf: '2025-05-31' });
    const dest = join(dir, 'nested', 'copy.db');

    const res = await backup([dest]);
    expect(res.code, res.out).toBe(0);
    expect(res.out).toMatch(/Backed up .* integrity ok/);
    // The server still answers after the backup.
    expect((await analyst.get('/api/targets')).status).toBe(200);

    const copy = new Database(dest, { readonly: true });
    try {
      const count = (table: string) => (copy.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      const live = (table: string) =>
        (srv.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      for (const table of ['targets', 'actuals', 'users', 'audit_log', 'regions']) {
        expect(count(table), table).toBe(live(table));
      }
      expect(copy.prepare('SELECT value FROM actuals WHERE target_id = ?').get(t.id)).toEqual({ value: 4 });
    } finally {
      copy.close();
    }
  });

  it('refuses to overwrite an existing file, to run without a file name, and to back up a missing database', async () => {
    const existing = join(dir, 'exists.db');
    writeFileSync(existing, 'keep me');
    const over = await backup([existing]);
    expect(over.code).toBe(1);
    expect(over.out).toMatch(/already exists/);
    expect((await backup([])).code).toBe(2);
    const missing = await backup([join(dir, 'x.db')], { DATABASE_PATH: join(dir, 'no-such.db') });
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/no database/);
  });

  describe('on a large database under steady writes', () => {
    let writer: Awaited<ReturnType<typeof loginAs>>;
    let targetId: number;
    beforeAll(async () => {
      // ~100 MB: large enough that a copy which starts over at every write never gets to the end.
      const quote = '按照国家数字经济发展规划要求，'.repeat(40);
      buildTargets(srv.db, 45_000, (i) => ({ metric: `备份指标${i}`, quote: `${quote}${i}` }));
      srv.db.$client.pragma('wal_checkpoint(TRUNCATE)');
      writer = await loginAs(srv, 'analyst');
      targetId = buildTarget(srv.db).id;
    }, 300_000);

    /** Writes an actual through the API about every 100 ms (10 writes/s) until stopped or 120 s have passed. */
    function writeLoop() {
      let stop = false;
      const statuses: number[] = [];
      const done = (async () => {
        const until = Date.now() + 120_000;
        for (let i = 0; !stop && Date.now() < until; i++) {
          const t0 = Date.now();
          const res = await writer.send('POST', `/api/targets/${targetId}/actuals`, { value: i, asOf: '2025-05-31' });
          statuses.push(res.status);
          await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - t0))));
        }
      })();
      return {
        statuses,
        stop: async () => {
          stop = true;
          await done;
        },
      };
    }

    it('finishes under ~10 writes/s and the copy holds what was committed before it started', async () => {
      const bytes = statSync(srv.dbPath).size;
      expect(bytes).toBeGreaterThan(80 * 2 ** 20);
      const loop = writeLoop();
      await new Promise((r) => setTimeout(r, 500));
      const dest = join(dir, 'under-writes.db');
      const t0 = Date.now();
      const res = await backup([dest]);
      const seconds = (Date.now() - t0) / 1000;
      // The writes were still going on when it finished: it did not wait for them to stop.
      const writesDuring = loop.statuses.length;
      await loop.stop();
      expect(loop.statuses.length - writesDuring).toBeLessThanOrEqual(1);
      console.log(
        `backup of ${(bytes / 2 ** 20).toFixed(0)} MB under ${loop.statuses.length} writes: ${seconds.toFixed(1)} s`,
      );
      expect(res.code, res.out).toBe(0);
      expect(res.out).toMatch(/integrity ok/);
      expect(loop.statuses.length).toBeGreaterThan(5);
      expect(seconds).toBeLessThan(60);
      expect(loop.statuses.filter((s) => s !== 201)).toEqual([]);
      const copy = new Database(dest, { readonly: true });
      try {
        expect((copy.prepare('SELECT count(*) AS n FROM targets').get() as { n: number }).n).toBeGreaterThan(45_000);
      } finally {
        copy.close();
      }
    }, 180_000);

    it('leaves nothing under the name when it is killed part-way, so the next run can use it', async () => {
      const dest = join(dir, 'interrupted.db');
      // Killed as soon as the copy has begun to be written, under whatever name it writes to.
      const killed = await backup([dest], undefined, (pid) => {
        const poll = setInterval(() => {
          if (!readdirSync(dir).some((f) => f.startsWith('interrupted.db'))) return;
          clearInterval(poll);
          process.kill(pid, 'SIGKILL');
        }, 5);
      });
      expect(killed.signal).toBe('SIGKILL');
      // Nothing by the backup's name, nor a journal or WAL beside it: at most a temporary file of its own.
      const left = readdirSync(dir).filter((f) => f.startsWith('interrupted.db'));
      expect(left.filter((f) => !f.startsWith('interrupted.db.partial-'))).toEqual([]);
      expect(existsSync(dest)).toBe(false);
      const again = await backup([dest]);
      expect(again.code, again.out).toBe(0);
    }, 180_000);
  });
});
