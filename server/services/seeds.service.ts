import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/client';
import { getMeta, setMeta } from '../repos/meta.repo';
import { ingestDocument } from './ingest.service';

export const SEEDS_DIR = fileURLToPath(new URL('../../seeds', import.meta.url));

/**
 * Ingests the policy texts the product ships with, once per database: a later start, or a user who
 * has since removed a seed document, is not overridden.
 */
export function loadSeedsOnce(db: Db, today: string, dir = SEEDS_DIR): { loaded: number; skipped: boolean } {
  if (getMeta(db, 'seedsLoadedAt')) return { loaded: 0, skipped: true };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  let loaded = 0;
  for (const f of files) {
    const res = ingestDocument(db, { fileName: f, content: readFileSync(join(dir, f)) }, today);
    if (res.outcome !== 'unchanged') loaded++;
  }
  setMeta(db, 'seedsLoadedAt', new Date().toISOString());
  return { loaded, skipped: false };
}
