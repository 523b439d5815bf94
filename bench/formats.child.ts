/**
 * Run by formats.bench.ts in a fresh process, so that peak RSS is this ingest's own: reads the file, ingests it
 * into a new database (parse + extract + store, as an upload does) and prints timings and memory as JSON.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../server/db/client';
import { readSource } from '../server/formats/index';
import { ingestFile } from '../server/services/ingest.service';

const file = process.argv[2] as string;
const dir = mkdtempSync(join(tmpdir(), 'zhibiao-formats-bench-'));
const db = openDatabase(join(dir, 'bench.db'));
const bytes = readFileSync(file);
// Warm-up on the same file (pdfjs and the engine compile their hot paths), then measure a fresh ingest.
await readSource(basename(file), bytes);
global.gc?.();
const baseRss = process.memoryUsage().rss;
const basePeak = process.resourceUsage().maxRSS * 1024;
let peak = baseRss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 5);
const t0 = performance.now();
const result = await ingestFile(db, { fileName: basename(file), content: bytes }, '2025-06-30');
const seconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
const maxRss = process.resourceUsage().maxRSS * 1024;
const lines = (db.$client.prepare('SELECT line_count AS n FROM documents').get() as { n: number }).n;
db.$client.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  JSON.stringify({
    seconds,
    bytes: bytes.length,
    figures: result.figures.added,
    lines,
    baseRss,
    // Peak RSS over the ingest: the process's high-water mark when it rose during the ingest, else the sampled peak.
    peakGrowth: Math.max(maxRss > basePeak ? maxRss - baseRss : 0, peak - baseRss),
  }),
);
