import { createHash } from 'node:crypto';
import type { Db } from '../../server/db/client';
import { targets } from '../../server/db/schema';
import { insertDocument } from '../../server/repos/documents.repo';
import { insertTarget, type NewTargetRow, type TargetRow } from '../../server/repos/targets.repo';

let seq = 0;

/** A stored document to hang factory targets on. */
export function buildDocument(db: Db, content = '测试文件\n到2025年，全省5G基站达到10万个。\n') {
  seq++;
  return insertDocument(db, {
    fileName: `factory-${seq}.txt`,
    title: '测试文件',
    issueDate: null,
    sha256: createHash('sha256').update(`${seq}:${content}`).digest('hex'),
    encoding: 'UTF-8',
    size: Buffer.byteLength(content),
    content,
    lineCount: content.split('\n').length,
  });
}

function defaults(): Omit<NewTargetRow, 'documentId' | 'fingerprint'> {
  return {
    sourceFile: 'factory.txt',
    line: 2,
    quote: '全省5G基站达到10万个',
    kind: 'target',
    article: '测试文件',
    region: '湖北省',
    regionCode: '420000',
    theme: 'network',
    metric: '5G基站数',
    comparator: '=',
    value: 10,
    valueMax: null,
    unit: '万个',
    normalizedValue: 100000,
    normalizedUnit: '个',
    deadline: '2025',
    perYear: false,
    confidence: 0.9,
  };
}

/** A stored target with sensible defaults; pass only the fields a test is about. */
export function buildTarget(db: Db, overrides: Partial<NewTargetRow> = {}): TargetRow {
  seq++;
  const documentId = overrides.documentId ?? buildDocument(db).id;
  return insertTarget(db, { ...defaults(), documentId, fingerprint: `fp-${seq}`, ...overrides });
}

/** Many stored targets at once (bulk insert), for tests about volume. */
export function buildTargets(db: Db, n: number, overrides: (i: number) => Partial<NewTargetRow>): void {
  const documentId = buildDocument(db).id;
  db.transaction((tx) => {
    for (let start = 0; start < n; start += 500) {
      const rows = [];
      for (let i = start; i < Math.min(n, start + 500); i++) {
        seq++;
        rows.push({ ...defaults(), documentId, fingerprint: `fp-${seq}`, ...overrides(i) });
      }
      tx.insert(targets).values(rows).run();
    }
  });
}
