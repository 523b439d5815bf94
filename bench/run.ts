/**
 * `npm run bench [-- --quick] [--targets N] [--fresh] [--load-seconds S] [--skip extraction,formats,api,export,load,bulk,client]`:
 * prints a table of figures and writes bench/results.json. Figures come from here, never from timed unit
 * tests; quote medians from one run, these machines are noisy. The full run (default) uses 100,000 targets and
 * 1,000,000 actuals; `--quick` 10,000 and 100,000 with a 10 s load. The synthetic database is built once per
 * size under bench/data/ (`--fresh` rebuilds it) and every run works on a copy of it.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchBulkUpdate, benchExport, benchLatency, benchLoad, startBenchServer } from './api.bench';
import { benchBundle, benchOverview } from './client.bench';
import { defaultBenchDbPath, ensureBenchData } from './data';
import { benchExtraction } from './extraction.bench';
import { benchPdfIngest } from './formats.bench';

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = argv.includes('--quick');
const targets = Number(arg('targets') ?? (quick ? 10_000 : 100_000));
const loadSeconds = Number(arg('load-seconds') ?? (quick ? 10 : 30));
const skip = new Set((arg('skip') ?? '').split(',').filter(Boolean));

const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version };
console.log(`Zhibiao benchmarks — ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, ${targets} targets\n`);

const MB = 1048576;
const rows: Record<string, { figure: string; goal: string; detail: string }> = {};
const results: Record<string, unknown> = { at: new Date().toISOString(), machine, targets, quick };
const row = (name: string, figure: string, goal: string, detail: string) => {
  rows[name] = { figure, goal, detail };
};

if (!skip.has('extraction')) {
  const extraction = benchExtraction();
  results.extraction = extraction;
  row(
    'extraction throughput',
    `${extraction.mbPerSecond.toFixed(2)} MB/s`,
    '≥ 5 MB/s',
    `median of ${extraction.runs} runs over ${(extraction.bytesPerRun / MB).toFixed(1)} MB (seed corpus ${(extraction.corpusBytes / 1024).toFixed(0)} KB repeated)`,
  );
}

if (!skip.has('formats')) {
  const pdf = await benchPdfIngest(100);
  results.pdfIngest = pdf;
  row(
    'PDF ingest (100 pages)',
    `${pdf.seconds.toFixed(2)} s`,
    '< 5 s',
    `median of ${pdf.runs} fresh processes: parse + extract + store of a ${pdf.pages}-page Chromium-printed plan with a 主要指标 table per section (${(pdf.bytes / MB).toFixed(1)} MB, ${pdf.lines} lines, ${pdf.figures} figures) — parse ${pdf.parse.toFixed(2)} s, extract ${pdf.extract.toFixed(2)} s, store ${pdf.store.toFixed(2)} s; CPU ${pdf.cpuSeconds.toFixed(2)} s (parse ${pdf.cpu.parse.toFixed(2)}, extract ${pdf.cpu.extract.toFixed(2)}, store ${pdf.cpu.store.toFixed(2)}); peak RSS growth ${pdf.peakRssGrowthMB.toFixed(0)} MB`,
  );
}

const data = await ensureBenchData(targets, targets * 10, argv.includes('--fresh'));
const dbPath = defaultBenchDbPath(targets);
results.data = data;
row(
  'synthetic database',
  `${data.seconds.toFixed(1)} s${data.reused ? ' (earlier build)' : ''}`,
  '',
  `${data.targets} targets, ${data.documents} documents, ${data.actuals} actuals (${data.superseded} superseded), ${(data.bytes / MB).toFixed(0)} MB; inserts ${data.insertSeconds.toFixed(1)} s`,
);
row(
  'daily status refresh',
  `${(data.statusRefreshSeconds * 1000).toFixed(0)} ms`,
  '',
  `ensureStatusesFresh over all ${data.targets} targets in one transaction, as a read does when no refresh is under way (the server refreshes in chunks at midnight China time)`,
);
if (data.indicatorSeconds !== undefined) {
  row(
    'indicator assignment',
    `${(data.indicatorSeconds * 1000).toFixed(0)} ms`,
    '',
    `${data.assigned} of ${data.targets} targets assigned to ${data.indicators} indicators by the ingest's matching, in one transaction`,
  );
}
if (data.reused) console.log(`(reusing ${dbPath}; --fresh rebuilds it)\n`);
const needsServer = ['api', 'export', 'load', 'bulk', 'client'].some((s) => !skip.has(s));
if (needsServer) {
  const bundle = skip.has('client') ? null : await benchBundle();
  const srv = await startBenchServer(dbPath, bundle?.dir);
  try {
    if (!skip.has('api')) {
      const latency = await benchLatency(srv, targets);
      results.latency = latency;
      for (const l of latency) {
        row(
          `GET ${l.name}`,
          `p95 ${l.p95} ms`,
          'p95 < 50 ms',
          `p50 ${l.p50} · p99 ${l.p99} · max ${l.max} ms over ${l.requests} requests`,
        );
      }
    }
    if (!skip.has('export')) {
      const exp = await benchExport(srv);
      results.export = exp;
      row(
        'CSV export of all targets',
        `${exp.seconds.toFixed(2)} s, +${(exp.rssGrowth / MB).toFixed(0)} MB RSS`,
        '< 3 s, < 64 MB',
        `${exp.rows} rows, ${(exp.bytes / MB).toFixed(1)} MB; server RSS ${(exp.rssBefore / MB).toFixed(0)} → peak ${(exp.rssPeak / MB).toFixed(0)} MB`,
      );
    }
    if (!skip.has('load')) {
      const load = await benchLoad(srv, targets, loadSeconds);
      results.load = load;
      row(
        `mixed load (${load.connections} connections, ${load.seconds} s)`,
        `${load.requestsPerSecond} req/s, p99 ${load.p99} ms`,
        '≥ 1000 req/s, 0 errors, 0 5xx',
        `${load.requests} requests; errors ${load.errors}, timeouts ${load.timeouts}, non-2xx ${load.non2xx}, 5xx ${load.status5xx}; writes acknowledged ${load.writesAcknowledged}, found in db ${load.writesFound}; p50 ${load.p50} ms`,
      );
    }
    // After the mixed load, so that its 20,000 region changes do not move the load's figures.
    if (!skip.has('bulk')) {
      const bulk = await benchBulkUpdate(srv, targets);
      results.bulkUpdate = bulk;
      row(
        `bulk update of ${bulk.items.toLocaleString('en')} targets`,
        `p50 ${bulk.p50} ms`,
        '< 500 ms',
        `PATCH /api/targets setting the region, one transaction, one audit entry each; server time + loopback, p50 of ${bulk.runs} (p95 ${bulk.p95}, max ${bulk.max} ms) at ${targets} targets`,
      );
    }
    if (bundle) {
      results.bundle = bundle;
      row(
        'client initial JS (gzip)',
        `${(bundle.initialGzipBytes / 1024).toFixed(0)} KB`,
        '< 300 KB',
        `${bundle.files.length} files, ${(bundle.initialBytes / 1024).toFixed(0)} KB raw`,
      );
      const overview = await benchOverview(srv);
      results.overview = overview;
      if (overview) {
        row(
          'overview: time to KPI numbers',
          `${overview.median} ms`,
          '< 2000 ms',
          `median of ${overview.loads.length} loads (first ${overview.first} ms): navigation start → headline numbers drawn, headless Chromium`,
        );
      }
      rmSync(bundle.dir, { recursive: true, force: true });
    }
  } finally {
    await srv.stop();
    for (const s of ['', '-wal', '-shm']) rmSync(`${srv.dbPath}${s}`, { force: true });
  }
}

console.table(rows);
const out = fileURLToPath(new URL('./results.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${out}`);
