/**
 * Run by formats.bench.ts in a fresh process, so that peak RSS is this ingest's own: reads the file, ingests it
 * into a new database (parse + extract + store, as an upload does) and prints timings and memory as JSON.
 * `parse` is reading the PDF (pdfjs's text layer and our line rebuilding), `ingest` the engine's extraction and
 * storing; the extraction is timed again alone afterwards, so that `store` ≈ ingest − extract.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../server/db/client';
import { extractDocument } from '../server/extraction/index';
import { readSource } from '../server/formats/index';
import { ingestDocument } from '../server/services/ingest.service';

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
const file = process.argv[2] as string;
const name = basename(file);
const dir = mkdtempSync(join(tmpdir(), 'zhibiao-formats-bench-'));
const db = openDatabase(join(dir, 'bench.db'));
const bytes = readFileSync(file);
// Warm-up on the same file (pdfjs and the engine compile their hot paths, the region tables are built), then
// measure a fresh ingest.
const warm = await readSource(name, bytes);
extractDocument(warm.source.lines.join('\n'), name, { tables: warm.source.tables, pages: warm.source.pages });
global.gc?.();
const baseRss = process.memoryUsage().rss;
const basePeak = process.resourceUsage().maxRSS * 1024;
let peak = baseRss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 5);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const read = await readSource(name, bytes);
const t1 = performance.now();
const cpu1 = process.cpuUsage(cpu0);
const result = ingestDocument(db, { fileName: name, content: bytes, source: read }, '2025-06-30');
const t2 = performance.now();
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
const maxRss = process.resourceUsage().maxRSS * 1024;
const cpu3 = process.cpuUsage();
const t3 = performance.now();
extractDocument(read.source.lines.join('\n'), name, { tables: read.source.tables, pages: read.source.pages });
const extract = (performance.now() - t3) / 1000;
const extractCpu = cpuSeconds(process.cpuUsage(cpu3));
const lines = (db.$client.prepare('SELECT line_count AS n FROM documents').get() as { n: number }).n;
db.$client.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  JSON.stringify({
    seconds: (t2 - t0) / 1000,
    cpuSeconds: cpuSeconds(cpu),
    // CPU time of each phase: what the machine's other processes cannot stretch.
    cpu: {
      parse: cpuSeconds(cpu1),
      extract: extractCpu,
      store: Math.max(0, cpuSeconds(cpu) - cpuSeconds(cpu1) - extractCpu),
    },
    parse: (t1 - t0) / 1000,
    extract,
    store: Math.max(0, (t2 - t1) / 1000 - extract),
    bytes: bytes.length,
    figures: result.figures.added,
    lines,
    baseRss,
    // Peak RSS over the ingest: the process's high-water mark when it rose during the ingest, else the sampled peak.
    peakGrowth: Math.max(maxRss > basePeak ? maxRss - baseRss : 0, peak - baseRss),
  }),
);
