import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractDocument } from '../server/extraction/index';
import { SEEDS_DIR } from '../server/services/seeds.service';

export interface ExtractionBench {
  corpusBytes: number;
  bytesPerRun: number;
  runs: number;
  medianSeconds: number;
  mbPerSecond: number;
  records: number;
}

/**
 * Extraction throughput: the seed corpus passed through the engine again and again until at least
 * `minMB` of text has been read, timed per run; the median run gives MB/s (1 MB = 2^20 bytes of UTF-8).
 */
export function benchExtraction(minMB = 20, runs = 5): ExtractionBench {
  const texts = readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(SEEDS_DIR, f), 'utf8') }));
  const corpusBytes = texts.reduce((n, t) => n + Buffer.byteLength(t.text), 0);
  const repeats = Math.ceil((minMB * 1048576) / corpusBytes);
  // Warm-up so the JIT has compiled the hot paths before timing.
  for (const t of texts) extractDocument(t.text, t.name);
  const times: number[] = [];
  let records = 0;
  for (let r = 0; r < runs; r++) {
    records = 0;
    const t0 = performance.now();
    for (let i = 0; i < repeats; i++) {
      for (const t of texts) records += extractDocument(t.text, t.name).records.length;
    }
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  const medianSeconds = times[Math.floor(times.length / 2)] ?? Number.NaN;
  const bytesPerRun = corpusBytes * repeats;
  return { corpusBytes, bytesPerRun, runs, medianSeconds, mbPerSecond: bytesPerRun / 1048576 / medianSeconds, records };
}
