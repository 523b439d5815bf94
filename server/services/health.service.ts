import type { Health } from '../../shared/schemas/common';
import type { Db } from '../db/client';
import { countDocuments } from '../repos/documents.repo';
import { countTargets } from '../repos/targets.list.repo';

/** What `GET /api/health` reports: the database answers, and how much it holds. */
export function health(db: Db): Health {
  return { ok: true, targets: countTargets(db), documents: countDocuments(db) };
}
