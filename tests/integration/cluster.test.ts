import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, login } from '../setup/auth';

const dir = mkdtempSync(join(tmpdir(), 'zhibiao-cluster-'));
const ADMIN_PASSWORD = 'cluster-Admin-pass';
let proc: ChildProcess;
let port = 0;
let url = '';
let out = '';
let admin: ApiClient;
let analyst: ApiClient;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/** Resolves once the server's output contains `text` (counting from `from`), or fails after `ms`. */
function outputContains(text: string, from = 0, ms = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (out.indexOf(text, from) >= 0) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
    };
    const poll = setInterval(check, 20);
    const timer = setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`no "${text}" in the server's output:\n${out}`));
    }, ms);
    check();
  });
}

/** A request as the analyst on a connection of its own; resolves with the status. */
function onNewConnection(method: string, path: string, body?: unknown): Promise<number> {
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: {
          cookie: analyst.cookie,
          'x-csrf-token': analyst.csrfToken,
          ...(data && { 'content-type': 'application/json', 'content-length': String(data.length) }),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** The primary's child processes, i.e. its workers. */
function workerPids(): number[] {
  const pid = proc.pid as number;
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

/** Socket inodes of the established TCP connections whose local end is the server's port: the server's side. */
function serverSideSockets(): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.trim().split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      const localPort = Number.parseInt(f[1]?.split(':').pop() ?? '', 16);
      if (f[3] === '01' && localPort === port && f[9]) inodes.add(f[9]);
    }
  }
  return inodes;
}

/**
 * How many client connections each worker holds right now, read from /proc: the primary accepts a connection
 * and hands it to one worker, which then owns its socket until the connection closes. A worker that holds a
 * connection a request went over is the process that answered it; no header or log line is needed to tell.
 */
function connectionsByWorker(): Map<number, number> {
  const sockets = serverSideSockets();
  const held = new Map<number, number>();
  for (const pid of workerPids()) {
    let n = 0;
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        if (inode && sockets.has(inode)) n++;
      } catch {
        // The fd closed while we read the folder.
      }
    }
    held.set(pid, n);
  }
  return held;
}

beforeAll(async () => {
  port = await freePort();
  url = `http://127.0.0.1:${port}`;
  proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_PATH: join(dir, 'zhibiao.db'),
      ZHIBIAO_WORKERS: '2',
      ZHIBIAO_ADMIN_PASSWORD: ADMIN_PASSWORD,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d) => {
    out += d;
  });
  proc.stderr?.on('data', (d) => {
    out += d;
  });
  await outputContains('running on');
  admin = await login(url, 'admin', ADMIN_PASSWORD);
  const created = await admin.send('POST', '/api/users', {
    username: 'cluster-analyst',
    password: 'cluster analyst password',
    role: 'analyst',
  });
  expect(created.status).toBe(201);
  analyst = await login(url, 'cluster-analyst', 'cluster analyst password');
});

afterAll(async () => {
  if (proc.exitCode === null && proc.signalCode === null) {
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

async function aTargetId(): Promise<number> {
  const list = await analyst.get('/api/targets?kind=target&pageSize=1');
  const [first] = list.body.items as { id: number }[];
  if (!first) throw new Error('the seeds gave no target');
  return first.id;
}

/** 40 new actuals of one target, all sent at once; their statuses and the ids of those stored. */
async function concurrentActuals(targetId: number, tag: string) {
  const sent = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      analyst.send('POST', `/api/targets/${targetId}/actuals`, {
        value: i + 1,
        asOf: '2025-03-31',
        note: `${tag} ${i}`,
      }),
    ),
  );
  return {
    statuses: sent.map((r) => r.status),
    ids: sent.map((r) => (r.body.actual as { id: number } | undefined)?.id),
  };
}

describe('the server with ZHIBIAO_WORKERS=2', () => {
  it('starts two worker processes and announces itself once, when both listen', () => {
    expect(workerPids()).toHaveLength(2);
    expect(out.match(/running on/g)).toHaveLength(1);
    expect(out).toContain('2 worker processes serve requests');
  });

  it('answers concurrent writes from both workers and stores every one of them', async () => {
    const targetId = await aTargetId();
    const { statuses, ids } = await concurrentActuals(targetId, 'concurrent');
    // Read while the 40 keep-alive connections are still open (the server keeps idle ones for 5 s).
    const held = [...connectionsByWorker().values()];
    expect(statuses.every((s) => s === 201)).toBe(true);
    expect(held).toHaveLength(2);
    for (const n of held) expect(n).toBeGreaterThan(0);

    const history = (await analyst.get(`/api/targets/${targetId}/actuals`)).body as unknown as { id: number }[];
    const stored = new Set(history.map((a) => a.id));
    expect(new Set(ids).size).toBe(40);
    for (const id of ids) expect(stored.has(id as number)).toBe(true);
  });

  it("copies a worker's commit into the database file within a second or two: the primary checkpoints", async () => {
    // A worker leaves checkpoints to the primary (db/checkpoint.ts), its own automatic one being 10,000 pages
    // off; a single new actual is a few pages. The database file alone — copied without its log — has the actual
    // only once someone has checkpointed it.
    const targetId = await aTargetId();
    const note = `checkpointed ${Date.now()}`;
    const sent = await analyst.send('POST', `/api/targets/${targetId}/actuals`, { value: 7, asOf: '2025-04-30', note });
    expect(sent.status).toBe(201);
    const copy = join(dir, 'file-only.db');
    const inFileAlone = () => {
      for (const s of ['', '-wal', '-shm']) rmSync(copy + s, { force: true });
      copyFileSync(join(dir, 'zhibiao.db'), copy);
      const db = new Database(copy);
      try {
        return db.prepare('SELECT count(*) FROM actuals WHERE note = ?').pluck().get(note) === 1;
      } catch {
        return false; // copied in the middle of a checkpoint's writes: try again
      } finally {
        db.close();
      }
    };
    const deadline = Date.now() + 5_000;
    let found = inFileAlone();
    while (!found && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      found = inFileAlone();
    }
    expect(found).toBe(true);
  });

  it('stores two simultaneous uploads of the same new content once, whichever workers take them', async () => {
    for (let round = 0; round < 3; round++) {
      // Enough figures that extraction (between the duplicate check and the write) takes a moment.
      let text = `同时上传${round}\n`;
      for (let i = 0; i < 1500; i++) text += `到2025年，第${i}项同时指标达到${round + 50}%。\n`;
      const [a, b] = await Promise.all([
        analyst.upload(`same-${round}-a.txt`, text),
        analyst.upload(`same-${round}-b.txt`, text),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 201]);
      expect([a.body.outcome, b.body.outcome].sort()).toEqual(['created', 'unchanged']);
      const docs = (await analyst.get('/api/documents')).body as unknown as { title: string }[];
      expect(docs.filter((d) => d.title === `同时上传${round}`)).toHaveLength(1);
    }
  });

  it('answers reads and writes beside a 10,000-row import and a 5,000-figure upload with 0 5xx', async () => {
    let text = '导入目标文件\n';
    for (let i = 0; i < 2000; i++) text += `到2025年，第${i}项导入指标达到${i % 90}%。\n`;
    const up = await analyst.upload('import-targets.txt', text);
    expect(up.status).toBe(201);
    const documentId = (up.body.document as { id: number }).id;
    const list = await analyst.get(`/api/targets?document=${documentId}&pageSize=500`);
    const ids = (list.body.items as { id: number }[]).map((t) => t.id);
    let csv = 'targetId,value,asOf\n';
    for (let i = 0; i < 10_000; i++) csv += `${ids[i % ids.length]},${i},2025-0${(i % 5) + 1}-15\n`;
    let bigText = '并发大文件\n';
    for (let i = 0; i < 5000; i++) bigText += `到2026年，第${i}项并发指标达到${i % 80}%。\n`;

    /**
     * A read or a write every 100 ms, each on a new connection, for as long as `work` runs; every one of them must
     * be answered without a 5xx, and those the other worker takes are answered while the work goes on.
     */
    async function beside(work: () => Promise<Response | { status: number }>) {
      const sent: Promise<{ status: number; at: number }>[] = [];
      let busy = true;
      const sideLoad = (async () => {
        for (let i = 0; busy; i++) {
          const req =
            i % 2
              ? onNewConnection('GET', `/api/targets?document=${documentId}&pageSize=5`)
              : onNewConnection('POST', `/api/targets/${ids[0]}/actuals`, { value: i, asOf: '2025-06-01' });
          sent.push(req.then((status) => ({ status, at: Date.now() })));
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      const t0 = Date.now();
      const res = await work();
      const end = Date.now();
      busy = false;
      await sideLoad;
      const answers = await Promise.all(sent);
      return {
        status: res.status,
        statuses: answers.map((a) => a.status),
        during: answers.filter((a) => a.at <= end).length,
        seconds: (end - t0) / 1000,
      };
    }

    const form = new FormData();
    form.append('file', new Blob([csv]), 'big-import.csv');
    const imported = await beside(() => analyst.fetch('/api/actuals/import', { method: 'POST', body: form }));
    const uploaded = await beside(() => analyst.upload('big-beside-import.txt', bigText));
    for (const [what, r] of [
      ['10,000-row import', imported],
      ['5,000-figure upload', uploaded],
    ] as const) {
      console.log(
        `${what}: ${r.status} in ${r.seconds.toFixed(1)} s beside ${r.statuses.length} reads and writes, ${r.during} answered meanwhile`,
      );
      expect(r.status).toBe(201);
      // At least one answered while the work went on: the other worker was not held up by it.
      expect(r.during).toBeGreaterThan(0);
      expect(r.statuses.filter((s) => s >= 500)).toEqual([]);
      expect(r.statuses.filter((s) => s !== 200 && s !== 201)).toEqual([]);
    }
  }, 180_000);

  it('replaces a worker killed with SIGKILL and goes on answering, from the new worker too', async () => {
    const before = workerPids();
    const victim = before[0] as number;
    const from = out.length;
    process.kill(victim, 'SIGKILL');
    await outputContains(`(pid ${victim}) exited with signal SIGKILL`, from, 10_000);
    await outputContains('is listening', from, 30_000);
    const after = workerPids();
    expect(after).toHaveLength(2);
    expect(after).not.toContain(victim);
    expect(after).toContain(before[1]);

    const targetId = await aTargetId();
    const { statuses } = await concurrentActuals(targetId, 'after the kill');
    const held = connectionsByWorker();
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    for (const pid of after) expect(held.get(pid)).toBeGreaterThan(0);
    expect((await analyst.get('/api/targets?pageSize=1')).status).toBe(200);
  });

  it('stops on SIGTERM: the workers exit, then the primary, with code 0', async () => {
    const workers = workerPids();
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });
});
