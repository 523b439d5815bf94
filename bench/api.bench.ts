import { type ChildProcess, fork } from 'node:child_process';
import { closeSync, copyFileSync, openSync, readFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { BENCH_PASSWORD, BENCH_USERS, benchUser } from './data';

export interface BenchServer {
  url: string;
  pid: number;
  dbPath: string;
  /** Resident set size of the server (primary and workers summed) in bytes, from /proc: no help needed from it. */
  rss: () => number;
  stop: () => Promise<void>;
}

/**
 * Starts bench/server.ts in a child process on a copy of the database, so that a run's writes never
 * leak into the next run and every run starts from the same file.
 */
export async function startBenchServer(sourceDb: string, clientDir?: string): Promise<BenchServer> {
  const dbPath = sourceDb.replace(/\.db$/, '.run.db');
  for (const s of ['', '-wal', '-shm']) rmSync(`${dbPath}${s}`, { force: true });
  copyFileSync(sourceDb, dbPath);
  // Configured as in production: NODE_ENV=production logs every request as a JSON line to stdout, which goes to
  // a file here as it would to a collector (pretty-printing each line to a terminal costs more than most requests).
  const logPath = sourceDb.replace(/\.db$/, '.server.log');
  const log = openSync(logPath, 'w');
  const child: ChildProcess = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean)],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_PATH: dbPath,
      ...(clientDir && { CLIENT_DIR: clientDir }),
    },
    stdio: ['ignore', log, 'inherit', 'ipc'],
  });
  closeSync(log);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bench server did not start within 60 s')), 60_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve((m as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const pid = child.pid ?? 0;
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    dbPath,
    // With ZHIBIAO_WORKERS > 1 (the default on a multi-core machine) the child is a node:cluster primary and its
    // workers serve the requests, so the server's memory is the sum over the primary and its child processes.
    rss: () => [pid, ...childrenOf(pid)].reduce((sum, p) => sum + rssOf(p), 0),
    stop: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.disconnect();
      }),
  };
}

/** Resident set size of a process in bytes; 0 once it has exited (a worker being replaced). */
function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** A process's children: node:cluster forks its workers from the main thread, whose task id is the pid. */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

export async function login(url: string, username: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  const body = (await res.json()) as { csrfToken?: string };
  if (res.status !== 200 || !body.csrfToken) throw new Error(`login of ${username} failed: ${res.status}`);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrfToken: body.csrfToken };
}

export interface Latency {
  name: string;
  path: string;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const round = (ms: number) => Math.round(ms * 100) / 100;

async function getJson(url: string, s: Session): Promise<unknown> {
  const res = await fetch(url, { headers: { Cookie: s.cookie } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** One request after another, warm (20 unmeasured first), timed from send to last byte. */
async function measure(
  name: string,
  url: string,
  s: Session,
  paths: (i: number) => string,
  n: number,
): Promise<Latency> {
  for (let i = 0; i < 20; i++) await getJson(url + paths(i), s);
  const times: number[] = [];
  const deadline = performance.now() + 120_000;
  for (let i = 0; i < n && performance.now() < deadline; i++) {
    const t0 = performance.now();
    const res = await fetch(url + paths(i), { headers: { Cookie: s.cookie } });
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${paths(i)}: ${res.status}`);
  }
  times.sort((a, b) => a - b);
  return {
    name,
    path: paths(0),
    requests: times.length,
    p50: round(quantile(times, 0.5)),
    p95: round(quantile(times, 0.95)),
    p99: round(quantile(times, 0.99)),
    max: round(times[times.length - 1] ?? Number.NaN),
  };
}

/** Province codes the filtered requests rotate through (the biggest by population and plans). */
const PROVINCES = ['440000', '320000', '330000', '370000', '510000', '420000'];

/** Search words by length, as a manager types them (the synthetic metrics hold them, see bench/data.ts). */
const SEARCHES: Record<string, readonly string[]> = {
  '1 char': ['网', '算', '数'],
  '2 chars': ['5G', '算力', '机架'],
  '4 chars': ['5G基站', '智能算力', '数据交易'],
};

/** The filtered overview of issue 15: a province, two themes and a deadline year range. */
const filteredOverview = (i: number) =>
  `region=${PROVINCES[i % PROVINCES.length]}&theme=network,compute&deadlineFrom=2025&deadlineTo=${2026 + (i % 3)}`;

export async function benchLatency(srv: BenchServer, targets: number, n = 200): Promise<Latency[]> {
  const s = await login(srv.url, benchUser('viewer', 1));
  const deepFilter = 'deadlineFrom=2025&deadlineTo=2028&sort=progress&order=desc&pageSize=50';
  const first = (await getJson(`${srv.url}/api/targets?${deepFilter}`, s)) as { total: number };
  const deepPage = Math.max(1, Math.floor((first.total / 50) * 0.9));
  const province = (i: number) => PROVINCES[i % PROVINCES.length] ?? '440000';
  const out: Latency[] = [];
  out.push(await measure('summary, all', srv.url, s, () => '/api/summary', n));
  out.push(await measure('summary, a province', srv.url, s, (i) => `/api/summary?region=${province(i)}`, n));
  out.push(
    await measure(
      'targets, first page (province, status; by deadline)',
      srv.url,
      s,
      (i) => `/api/targets?region=${province(i)}&status=at_risk&sort=deadline&order=asc&page=1&pageSize=50`,
      n,
    ),
  );
  out.push(
    await measure(
      'targets, first page (all; by updatedAt desc)',
      srv.url,
      s,
      () => '/api/targets?sort=updatedAt&order=desc&page=1&pageSize=50',
      n,
    ),
  );
  out.push(
    await measure(
      `targets, deep page ${deepPage} (deadline 2025–2028; by progress desc)`,
      srv.url,
      s,
      (i) => `/api/targets?${deepFilter}&page=${deepPage - (i % 5)}`,
      n,
    ),
  );
  // Search (issue 15): what a manager types — 1, 2 and 4 characters, rotating over a few real words, so each
  // query is answered from the indexes (the list's count is kept per query, as for every filter set).
  for (const [len, words] of Object.entries(SEARCHES)) {
    out.push(
      await measure(
        `targets, search q of ${len} (${words.join(' ')})`,
        srv.url,
        s,
        (i) => `/api/targets?q=${encodeURIComponent(words[i % words.length] ?? '')}&pageSize=50`,
        n,
      ),
    );
  }
  out.push(
    await measure(
      'summary, filtered (province + 2 themes + years)',
      srv.url,
      s,
      (i) => `/api/summary?${filteredOverview(i)}`,
      n,
    ),
  );
  // Ids spread over the table by a fixed stride, so each run asks for the same rows.
  out.push(await measure('target detail', srv.url, s, (i) => `/api/targets/${1 + ((i * 7919) % targets)}`, n));
  // The indicator with the most targets (the worst case), all regions / provinces only / one due year in turn.
  const catalogue = (await getJson(`${srv.url}/api/indicators`, s)) as { items: { id: number; targetCount: number }[] };
  const top = catalogue.items[0];
  if (top) {
    const variants = ['', '?level=province', '?year=2025'];
    out.push(
      await measure(
        `indicator page (${top.targetCount} targets)`,
        srv.url,
        s,
        (i) => `/api/indicators/${top.id}${variants[i % variants.length]}`,
        n,
      ),
    );
  }
  return out;
}

export interface ExportBench {
  seconds: number;
  bytes: number;
  rows: number;
  rssBefore: number;
  rssPeak: number;
  rssGrowth: number;
}

/** The whole targets export, read as fast as the client can; the server's RSS sampled every 5 ms meanwhile. */
export async function benchExport(srv: BenchServer): Promise<ExportBench> {
  const s = await login(srv.url, benchUser('viewer', 2));
  const rssBefore = srv.rss();
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, srv.rss());
  }, 5);
  const t0 = performance.now();
  const res = await fetch(`${srv.url}/api/export/targets.csv`, { headers: { Cookie: s.cookie } });
  if (res.status !== 200 || !res.body) throw new Error(`export: ${res.status}`);
  let bytes = 0;
  let rows = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const b of value) if (b === 10) rows++;
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, srv.rss());
  // Quoted cells may hold line breaks, so rows counts lines: header + one per target here.
  return { seconds, bytes, rows: rows - 1, rssBefore, rssPeak, rssGrowth: rssPeak - rssBefore };
}

export interface LoadBench {
  seconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  status5xx: number;
  writesAcknowledged: number;
  writesFound: number;
  statusCodes: Record<string, number>;
}

/**
 * Many analysts at once: autocannon keeps `connections` requests in flight for `seconds`; each request is
 * drawn from a seeded sequence, 90 % reads (summaries national, of a province and filtered, list pages, searches,
 * details) by viewers and 10 % new actuals by
 * analysts with their CSRF token. Every 201 is remembered and looked up in the database afterwards.
 */
export async function benchLoad(
  srv: BenchServer,
  targets: number,
  seconds: number,
  connections = 50,
): Promise<LoadBench> {
  const viewers: Session[] = [];
  const analysts: Session[] = [];
  for (let i = 1; i <= BENCH_USERS.viewer; i++) viewers.push(await login(srv.url, benchUser('viewer', i)));
  for (let i = 1; i <= BENCH_USERS.analyst; i++) analysts.push(await login(srv.url, benchUser('analyst', i)));
  let seq = 0;
  const next = () => {
    // A Weyl sequence: deterministic and evenly spread, so runs draw the same mix.
    seq++;
    return (seq * 0.6180339887498949) % 1;
  };
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const acknowledged = new Set<number>();
  const reads = [
    () => '/api/summary',
    () => `/api/summary?region=${PROVINCES[seq % PROVINCES.length]}`,
    () => `/api/targets?page=${1 + (seq % 20)}&pageSize=50&sort=deadline`,
    () => `/api/targets?region=${PROVINCES[seq % PROVINCES.length]}&theme=compute&sort=progress&order=desc`,
    () => `/api/targets/${1 + ((seq * 7919) % targets)}`,
    () => `/api/targets/${1 + ((seq * 104729) % targets)}`,
    () => {
      const words = Object.values(SEARCHES).flat();
      return `/api/targets?q=${encodeURIComponent(words[seq % words.length] ?? '')}&pageSize=50`;
    },
    () => `/api/summary?${filteredOverview(seq)}`,
  ];
  const result = await autocannon({
    url: srv.url,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (req) => {
          const r = next();
          if (r < 0.1) {
            const s = analysts[seq % analysts.length] as Session;
            return {
              ...req,
              method: 'POST',
              path: `/api/targets/${1 + ((seq * 7919) % targets)}/actuals`,
              headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' },
              body: JSON.stringify({ value: Math.round(r * 10_000) / 10, asOf: today, note: 'bench' }),
            };
          }
          const s = viewers[seq % viewers.length] as Session;
          const path = (reads[Math.floor(((r - 0.1) / 0.9) * reads.length)] ?? (reads[0] as () => string))();
          return { ...req, method: 'GET', path, headers: { cookie: s.cookie }, body: undefined };
        },
        onResponse: (status, body) => {
          if (status === 201) {
            const id = (JSON.parse(body) as { actual?: { id?: number } }).actual?.id;
            if (typeof id === 'number') acknowledged.add(id);
          }
        },
      },
    ],
  });
  // Every acknowledged write must be in the database (read after the load, through a fresh connection).
  let found = 0;
  const db = new Database(srv.dbPath, { readonly: true });
  try {
    const has = db.prepare('SELECT 1 FROM actuals WHERE id = ? AND note = ?');
    for (const id of acknowledged) if (has.get(id, 'bench')) found++;
  } finally {
    db.close();
  }
  const statusCodes: Record<string, number> = {};
  for (const [code, v] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = v.count ?? 0;
  const status5xx = Object.entries(statusCodes)
    .filter(([c]) => c.startsWith('5'))
    .reduce((n, [, v]) => n + v, 0);
  return {
    seconds,
    connections,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    status5xx,
    writesAcknowledged: acknowledged.size,
    writesFound: found,
    statusCodes,
  };
}

export interface BulkBench {
  runs: number;
  items: number;
  p50: number;
  p95: number;
  max: number;
}

/**
 * `PATCH /api/targets` setting the region of 1,000 targets, `runs` times (two more first, unmeasured), each on
 * its own stretch of the table with the versions read from the database file: the time from sending the
 * request to its last byte on localhost, i.e. the server's time plus a loopback round trip. Every run must write
 * all its targets (no conflicts), else the figure would be of a smaller change.
 */
export async function benchBulkUpdate(srv: BenchServer, targets: number, runs = 20, items = 1000): Promise<BulkBench> {
  const s = await login(srv.url, benchUser('analyst', 1));
  const db = new Database(srv.dbPath, { readonly: true });
  const chunk = db.prepare('SELECT id, version FROM targets ORDER BY id LIMIT ? OFFSET ?');
  const times: number[] = [];
  try {
    for (let i = 0; i < runs + 2; i++) {
      const offset = Math.floor((((i * 7919) % 1000) / 1000) * Math.max(0, targets - items));
      const batch = chunk.all(items, offset) as { id: number; version: number }[];
      const body = JSON.stringify({
        items: batch,
        set: { regionCode: i % 2 ? '340102' : '420100' },
        reason: 'bench: bulk region correction',
      });
      const t0 = performance.now();
      const res = await fetch(`${srv.url}/api/targets`, {
        method: 'PATCH',
        headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrfToken, 'Content-Type': 'application/json' },
        body,
      });
      const result = (await res.json()) as { updated?: number[]; conflicts?: unknown[] };
      const ms = performance.now() - t0;
      if (res.status !== 200 || result.updated?.length !== batch.length) {
        throw new Error(`bulk update: ${res.status}, ${result.updated?.length} of ${batch.length} written`);
      }
      if (i >= 2) times.push(ms);
    }
  } finally {
    db.close();
  }
  times.sort((a, b) => a - b);
  return {
    runs: times.length,
    items,
    p50: round(quantile(times, 0.5)),
    p95: round(quantile(times, 0.95)),
    max: round(times[times.length - 1] ?? Number.NaN),
  };
}
