/**
 * The annotated texts the engine is scored on, read from disk and run through the engine: the seeds
 * (the texts the engine was written against) and tests/corpus/ (real documents annotated before the
 * engine was tuned on them). Shared by `npm run eval` and the accuracy ratchet in the tests.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnnotatedRecord, ScoredRecord } from '../extraction/evaluate';
import { extractDocument } from '../extraction/index';

const ROOT = join(import.meta.dirname, '../..');

export interface EvalDocument {
  set: 'seeds' | 'corpus';
  id: string;
  genre: string;
  expected: AnnotatedRecord[];
  extracted: ScoredRecord[];
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The annotated texts of one set, each run through the engine. Texts not yet annotated are left out. */
export function loadEvalSet(set: 'seeds' | 'corpus'): EvalDocument[] {
  const textDir = set === 'seeds' ? join(ROOT, 'seeds') : join(ROOT, 'tests/corpus/texts');
  const annotationDir = set === 'seeds' ? join(ROOT, 'tests/fixtures') : join(ROOT, 'tests/corpus/annotations');
  if (!existsSync(textDir)) return [];
  const docs: EvalDocument[] = [];
  for (const file of readdirSync(textDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const id = file.replace(/\.txt$/, '');
    const annotation = join(annotationDir, `${id}.json`);
    if (!existsSync(annotation)) continue;
    const metaPath = join(ROOT, 'tests/corpus/meta', `${id}.json`);
    const genre =
      set === 'seeds' ? 'newsletter' : existsSync(metaPath) ? readJson<{ genre: string }>(metaPath).genre : '?';
    const text = readFileSync(join(textDir, file), 'utf8');
    docs.push({
      set,
      id,
      genre,
      expected: readJson<AnnotatedRecord[]>(annotation),
      extracted: extractDocument(text, file).records,
    });
  }
  return docs;
}
