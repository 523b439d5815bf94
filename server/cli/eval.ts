/**
 * `npm run eval [-- --set seeds|corpus] [--doc <id>] [--show missed|spurious|fields] [--json]`: runs the
 * engine over the annotated texts and prints precision / recall / F1 per kind and each field's accuracy on
 * matched targets, per document, per genre and overall. The seeds are the texts the engine was written
 * against; `tests/corpus/` holds real documents annotated before the engine was tuned on them.
 */
import { parseArgs } from 'node:util';
import { KINDS } from '../../shared/taxonomy';
import {
  type AnnotatedRecord,
  SCORED_FIELDS,
  type ScoredRecord,
  type ScoreReport,
  scoreRecords,
} from '../extraction/evaluate';
import { type EvalDocument, loadEvalSet } from './evalSets';

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

function kindCells(report: ScoreReport): string {
  return KINDS.map((k) => {
    const s = report.kinds[k];
    if (s.expected === 0 && s.extracted === 0) return `${k.slice(0, 3)}      —            `;
    return `${k.slice(0, 3)} F1${pct(s.f1)} (P${pct(s.precision)} R${pct(s.recall)})`;
  }).join('  ');
}

function fieldCells(report: ScoreReport): string {
  if (report.matchedTargets === 0) return '';
  return SCORED_FIELDS.map((f) => `${f.slice(0, 4)} ${pct(report.targetFields[f])}`).join(' ');
}

function score(docs: EvalDocument[]): ScoreReport {
  return scoreRecords(
    docs.flatMap((d) => d.expected),
    docs.flatMap((d) => d.extracted),
  );
}

function main(): void {
  const { values } = parseArgs({
    options: {
      set: { type: 'string' },
      doc: { type: 'string' },
      show: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const sets = values.set ? [values.set as 'seeds' | 'corpus'] : (['seeds', 'corpus'] as const);
  let docs = sets.flatMap((s) => loadEvalSet(s));
  if (values.doc) docs = docs.filter((d) => d.id.includes(values.doc ?? ''));
  if (values.json) {
    const out = docs.map((d) => {
      const r = score([d]);
      return { set: d.set, id: d.id, genre: d.genre, kinds: r.kinds, targetFields: r.targetFields };
    });
    console.log(JSON.stringify(out, null, 1));
    return;
  }
  const lines: string[] = [];
  for (const set of sets) {
    const inSet = docs.filter((d) => d.set === set);
    if (inSet.length === 0) continue;
    lines.push(`== ${set} (${inSet.length} texts)`);
    for (const d of inSet) {
      const r = score([d]);
      lines.push(`${d.id.slice(0, 34).padEnd(34)} ${d.genre.padEnd(8)} ${kindCells(r)}`);
      if (r.matchedTargets > 0)
        lines.push(`${''.padEnd(34)} fields over ${r.matchedTargets} targets: ${fieldCells(r)}`);
    }
    const genres = [...new Set(inSet.map((d) => d.genre))];
    if (set === 'corpus')
      for (const g of genres)
        lines.push(`genre ${g.padEnd(28)} ${kindCells(score(inSet.filter((d) => d.genre === g)))}`);
    const all = score(inSet);
    lines.push(`ALL ${set.padEnd(30)} ${'        '} ${kindCells(all)}`);
    lines.push(`${''.padEnd(34)} fields over ${all.matchedTargets} targets: ${fieldCells(all)}`);
    lines.push('');
  }
  const report = score(docs);
  const show = values.show;
  const brief = (r: AnnotatedRecord | ScoredRecord) =>
    `${r.sourceFile}:${r.line} ${r.kind} ${r.value}${r.unit} ${r.region ?? '∅'} ${r.deadline ?? '∅'} | ${r.quote}`;
  if (show === 'missed') for (const r of report.missed) lines.push(`MISSED   ${brief(r)}`);
  if (show === 'spurious') for (const r of report.spurious) lines.push(`SPURIOUS ${brief(r)}`);
  if (show === 'fields')
    for (const m of report.mismatches)
      lines.push(
        `${m.field.padEnd(10)} want ${String(m.expected[m.field] ?? null).padEnd(8)} got ${String(m.actual[m.field] ?? null).padEnd(8)} ${m.expected.sourceFile}:${m.expected.line} ${m.expected.quote}`,
      );
  console.log(lines.join('\n'));
}

main();
