import { DEFAULT_STALE_AFTER_DAYS } from '../../shared/status';

/**
 * `ZHIBIAO_STALE_AFTER_DAYS`: how many days old a target's latest actual may be before the target is flagged
 * stale (docs/status.md); 365 unless set. Read on each use, so a test or an operator can change it without
 * restarting; a value that is not a positive whole number is refused loudly rather than silently ignored.
 */
export function staleAfterDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ZHIBIAO_STALE_AFTER_DAYS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_STALE_AFTER_DAYS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 36_500) {
    throw new Error(`ZHIBIAO_STALE_AFTER_DAYS must be a whole number of days between 1 and 36500, not ${raw}`);
  }
  return n;
}
