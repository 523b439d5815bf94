/**
 * Developer tool: `npx tsx scripts/inspect-extraction.ts [summary|missed|spurious|fields|articles|speed] [filter]`
 * prints the accuracy report, the confusion lists or the throughput on the seed corpus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AnnotatedRecord, type ScoredRecord, scoreRecords } from '../server/extraction/evaluate';
import { extractDocument } from '../server/extraction/index';

const root = join(import.meta.dirname, '..');
const files = readdirSync(join(root, 'seeds')).filter((f) => f.endsWith('.txt'));
const expected: AnnotatedRecord[] = [];
const extracted: ScoredRecord[] = [];
let bytes = 0;
const texts: Array<[string, string]> = [];
for (const f of files) {
  const text = readFileSync(join(root, 'seeds', f), 'utf8');
  bytes += Buffer.byteLength(text);
  texts.push([f, text]);
  extracted.push(...extractDocument(text, f).records);
  expected.push(
    ...(JSON.parse(
      readFileSync(join(root, 'tests/fixtures', f.replace('.txt', '.json')), 'utf8'),
    ) as AnnotatedRecord[]),
  );
}
const rep = scoreRecords(expected, extracted);
const mode = process.argv[2] ?? 'summary';
const kindFilter = process.argv[3];
if (mode === 'summary' || mode === 'all') {
  for (const [k, s] of Object.entries(rep.kinds)) console.log(k, JSON.stringify(s));
  console.log(JSON.stringify(rep.targetFields));
}
const fmt = (r: {
  sourceFile: string;
  line: number;
  kind: string;
  value: number;
  unit: string;
  comparator: string;
  quote: string;
}) => `${r.sourceFile.slice(0, 3)} ${r.line} ${r.kind} ${r.comparator} ${r.value} ${r.unit} | ${r.quote}`;
if (mode === 'missed' || mode === 'all')
  for (const r of rep.missed) if (!kindFilter || r.kind === kindFilter) console.log('MISS', fmt(r));
if (mode === 'spurious' || mode === 'all')
  for (const r of rep.spurious) if (!kindFilter || r.kind === kindFilter) console.log('SPUR', fmt(r));
if (mode === 'fields')
  for (const m of rep.mismatches)
    if (!kindFilter || m.field === kindFilter)
      console.log(
        m.field,
        JSON.stringify(m.expected[m.field]),
        '->',
        JSON.stringify(m.actual[m.field]),
        '|',
        fmt(m.expected),
        '|',
        m.actual.metric,
      );
if (mode === 'speed') {
  // One warm-up round: the region index is built once per process, and the JIT needs a pass.
  for (const [f, t] of texts) extractDocument(t, f);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const rounds = 20;
  for (let i = 0; i < rounds; i++) for (const [f, t] of texts) extractDocument(t, f);
  const s = (performance.now() - t0) / 1000;
  // CPU time as well as wall time: on a shared machine the wall clock also counts other processes.
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const mb = (bytes * rounds) / 1e6;
  console.log(
    `${(mb / s).toFixed(2)} MB/s wall, ${(mb / cpuSeconds).toFixed(2)} MB/s CPU over ${rounds} rounds of ${bytes} bytes`,
  );
}
if (mode === 'articles')
  for (const [f, t] of texts) {
    const r = extractDocument(t, f);
    console.log(f, r.issueDate);
    for (const a of r.articles) console.log('  ', a.firstLine, a.region, a.planEndYear, a.title);
  }
