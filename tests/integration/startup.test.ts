import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { login } from '../setup/auth';

const dir = mkdtempSync(join(tmpdir(), 'zhibiao-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Runs the real entry point (server/index.ts) as `npm start` does after building, until it listens. */
async function start(
  extraEnv: Record<string, string> = {},
  dbName = 'zhibiao.db',
): Promise<{ proc: ChildProcess; url: string; output: () => string }> {
  const port = await freePort();
  const { ZHIBIAO_ADMIN_PASSWORD: _unset, ...env } = process.env;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...env, PORT: String(port), DATABASE_PATH: join(dir, dbName), ...extraEnv },
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
  return { proc, url: `http://127.0.0.1:${port}`, output: () => out };
}

async function stop(proc: ChildProcess) {
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  await exited;
}

describe('npm start', () => {
  it('migrates a new database, ingests the five seed texts once, and not again on the next start', async () => {
    const first = await start();
    const health = (await (await fetch(`${first.url}/api/health`)).json()) as {
      ok: boolean;
      documents: number;
      targets: number;
    };
    expect(health).toMatchObject({ ok: true, documents: 5 });
    expect(health.targets).toBeGreaterThan(100);
    expect(first.output()).toContain('Ingested 5 seed documents');
    // The first start creates the admin and prints its generated password, once.
    const password = /Created user "admin" with password: (\S+)/.exec(first.output())?.[1];
    expect(password).toBeDefined();
    const admin = await login(first.url, 'admin', password);
    expect(admin.user.role).toBe('admin');
    const list = await admin.get('/api/targets?pageSize=1');
    expect(list.body.total).toBe(health.targets);
    await stop(first.proc);

    const second = await start();
    const again = (await (await fetch(`${second.url}/api/health`)).json()) as { documents: number; targets: number };
    expect(again).toEqual({ ok: true, documents: 5, targets: health.targets });
    expect(second.output()).not.toContain('Ingested');
    expect(second.output()).not.toContain('Created user');
    // The admin and the password survive the restart.
    expect((await login(second.url, 'admin', password)).user.username).toBe('admin');
    await stop(second.proc);
  }, 120_000);

  it('creates the first admin with ZHIBIAO_ADMIN_PASSWORD when it is set, and never prints it', async () => {
    const server = await start({ ZHIBIAO_ADMIN_PASSWORD: 'configured-Admin-pass' }, 'configured.db');
    expect(server.output()).toContain('with the password in ZHIBIAO_ADMIN_PASSWORD');
    expect(server.output()).not.toContain('configured-Admin-pass');
    expect((await login(server.url, 'admin', 'configured-Admin-pass')).user.role).toBe('admin');
    await stop(server.proc);
  }, 120_000);
});
