import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../setup/auth';
import { buildTarget } from '../setup/factories';
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
function backup(args: string[], env: Record<string, string> = { DATABASE_PATH: srv.dbPath }) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
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
    proc.on('exit', (code) => resolve({ code, out }));
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
});
