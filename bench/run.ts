/**
 * `npm run bench`: prints a table of figures and writes bench/results.json. Figures come from
 * here, never from timed unit tests; quote medians from one run, these machines are noisy.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchExtraction } from './extraction.bench';

const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version };
console.log(`Zhibiao benchmarks — ${machine.cores} cores (${machine.cpu}), Node ${machine.node}\n`);

const extraction = benchExtraction();
console.table({
  'extraction throughput': {
    figure: `${extraction.mbPerSecond.toFixed(2)} MB/s`,
    detail: `median of ${extraction.runs} runs over ${(extraction.bytesPerRun / 1048576).toFixed(1)} MB (seed corpus ${(extraction.corpusBytes / 1024).toFixed(0)} KB repeated), single process`,
    goal: '≥ 5 MB/s',
  },
});

const out = fileURLToPath(new URL('./results.json', import.meta.url));
writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), machine, extraction }, null, 2)}\n`);
console.log(`\nwrote ${out}`);
