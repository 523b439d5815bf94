import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'zhibiao-npm-start-'));
let npm: ChildProcess | undefined;
let started: number[] = [];
afterAll(() => {
  // Whatever a failed run left behind.
  for (const pid of [npm?.pid, ...started]) if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Whether `port` can be listened on again, i.e. nothing holds it any more. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, () => s.close(() => resolve(true)));
  });
}

const children = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};
const descendants = (pid: number): number[] => children(pid).flatMap((c) => [c, ...descendants(c)]);
const commandLine = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
/** Running, as opposed to gone or a zombie waiting for a parent to collect its exit status. */
const alive = (pid: number) => {
  if (!existsSync(`/proc/${pid}/status`)) return false;
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
};

async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start', () => {
  it('runs the server as the process npm starts, and SIGTERM to npm stops the server and all its workers', async () => {
    const port = await freePort();
    // --ignore-scripts skips only `prestart` (the client build, which is not what this is about).
    npm = spawn('npm', ['start', '--ignore-scripts'], {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_PATH: join(dir, 'zhibiao.db'),
        ZHIBIAO_WORKERS: '2',
        ZHIBIAO_ADMIN_PASSWORD: 'npm-start-Admin-pass',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc = npm;
    let out = '';
    proc.stdout?.on('data', (d) => {
      out += d;
    });
    proc.stderr?.on('data', (d) => {
      out += d;
    });
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    await until(() => out.includes('running on') || proc.exitCode !== null, 90_000, `the server to start:\n${out}`);
    expect(proc.exitCode, out).toBeNull();
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);

    started = descendants(proc.pid as number);
    const servers = started.filter((pid) => commandLine(pid).includes('server/index.ts'));
    expect(servers.length).toBeGreaterThanOrEqual(3); // the primary and two workers

    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    await until(() => started.every((pid) => !alive(pid)), 15_000, 'every process npm started to exit');
    expect(await portIsFree(port)).toBe(true);
    expect(out).not.toMatch(/exited with|replacement/);

    // npm's own child was the server itself, with no shell or tsx wrapper in between to swallow the signal.
    expect(started).toHaveLength(3);
  }, 120_000);
});
