import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  entryPage,
  fieldChanges,
  formatLocalTime,
  localDayBounds,
  showValue,
} from '../../client/src/features/audit/entries';
import { readAuditFilters, toAuditFilters } from '../../client/src/features/audit/filters';
import { urlSearch } from '../../client/src/lib/urlFilters';

describe('fieldChanges', () => {
  it('lists only the fields whose value changed, old and new', () => {
    const before = { id: 7, review: 'extracted', version: 1, metric: '5G基站', updatedBy: null };
    const after = { id: 7, review: 'rejected', version: 2, metric: '5G基站', updatedBy: 'ana' };
    expect(fieldChanges(before, after)).toEqual([
      { field: 'review', before: 'extracted', after: 'rejected' },
      { field: 'version', before: 1, after: 2 },
      { field: 'updatedBy', before: null, after: 'ana' },
    ]);
  });

  it('names a changed field of a nested object by its path', () => {
    const before = { latestActual: { id: 1, value: 3, asOf: '2025-01-31' } };
    const after = { latestActual: { id: 2, value: 5, asOf: '2025-01-31' } };
    expect(fieldChanges(before, after)?.map((c) => c.field)).toEqual(['latestActual.id', 'latestActual.value']);
  });

  it('tells a field that appeared or disappeared from one that was emptied', () => {
    const changes = fieldChanges({ role: 'viewer', note: 'x' }, { role: 'viewer', note: null, passwordReset: true });
    expect(changes).toEqual([
      { field: 'note', before: 'x', after: null },
      { field: 'passwordReset', before: undefined, after: true },
    ]);
    expect(fieldChanges({ a: 1, gone: 2 }, { a: 1 })).toEqual([{ field: 'gone', before: 2, after: undefined }]);
  });

  it('compares arrays whole, and shows a nested object set from null whole', () => {
    expect(fieldChanges({ ids: [1, 2] }, { ids: [1, 2] })).toEqual([]);
    expect(fieldChanges({ ids: [1, 2] }, { ids: [2, 1] })).toEqual([{ field: 'ids', before: [1, 2], after: [2, 1] }]);
    expect(fieldChanges({ latestActual: null }, { latestActual: { value: 3 } })).toEqual([
      { field: 'latestActual', before: null, after: { value: 3 } },
    ]);
  });

  it('compares a refused request only on the fields it asked to change', () => {
    const current = { id: 7, version: 3, metric: '由另一位分析员更正', review: 'corrected', unit: '万个' };
    const asked = { version: 2, review: 'confirmed', reason: '核对原文' };
    expect(fieldChanges(current, asked, { onlyAfterFields: true })).toEqual([
      { field: 'version', before: 3, after: 2 },
      { field: 'review', before: 'corrected', after: 'confirmed' },
      { field: 'reason', before: undefined, after: '核对原文' },
    ]);
  });

  it('has nothing to compare when a side is missing or not an object', () => {
    expect(fieldChanges(null, { id: 1 })).toBeNull();
    expect(fieldChanges({ id: 1 }, null)).toBeNull();
    expect(fieldChanges([1], [2])).toBeNull();
    expect(fieldChanges('a', 'b')).toBeNull();
  });
});

describe('showValue', () => {
  it('writes strings as they are and anything else as JSON', () => {
    expect(showValue('已驳回')).toBe('已驳回');
    expect(showValue(12.5)).toBe('12.5');
    expect(showValue(false)).toBe('false');
    expect(showValue([1, 2])).toBe('[1,2]');
  });
});

describe('entryPage', () => {
  const entry = (
    entity: 'target' | 'document' | 'actual' | 'user' | 'session',
    entityId: string | null,
    after?: unknown,
  ) => ({
    entity,
    entityId,
    before: null,
    after: after ?? null,
  });

  it('leads a target or a document to its own page', () => {
    expect(entryPage(entry('target', '42'))).toEqual({ entity: 'target', id: '42', href: '/targets/42' });
    expect(entryPage(entry('document', '3'))?.href).toBe('/documents/3');
  });

  it('leads an actual to the target it was entered for', () => {
    expect(entryPage(entry('actual', '9', { id: 9, targetId: 42, value: 3 }))).toEqual({
      entity: 'target',
      id: '42',
      href: '/targets/42',
    });
    expect(entryPage({ entity: 'actual', entityId: '9', before: { targetId: 5 }, after: null })?.href).toBe(
      '/targets/5',
    );
  });

  it('leads nowhere for users, sessions, an import or an id that is not a number', () => {
    expect(entryPage(entry('user', '2'))).toBeNull();
    expect(entryPage(entry('session', '17'))).toBeNull();
    expect(entryPage(entry('actual', null, { fileName: 'a.csv', actualIds: [1, 2] }))).toBeNull();
    expect(entryPage(entry('target', '../users'))).toBeNull();
  });
});

describe('China times, whatever zone the browser is set to', () => {
  const tz = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = 'Europe/London';
  });
  afterEach(() => {
    process.env.TZ = tz;
  });

  it('shows a timestamp on a Beijing clock, to the second', () => {
    expect(formatLocalTime('2026-03-14T16:30:05.123Z')).toBe('2026-03-15 00:30:05');
    expect(formatLocalTime('not a time')).toBe('not a time');
  });

  it('turns a China calendar day into the UTC instants it spans', () => {
    expect(localDayBounds('2026-03-15')).toEqual({
      start: '2026-03-14T16:00:00.000Z',
      end: '2026-03-15T15:59:59.999Z',
    });
  });

  it('asks the API for the China days the URL names', () => {
    expect(toAuditFilters({ action: 'target.review', from: '2026-03-15', to: '2026-03-15', page: 2 })).toEqual({
      action: 'target.review',
      entity: undefined,
      entityId: undefined,
      user: undefined,
      from: '2026-03-14T16:00:00.000Z',
      to: '2026-03-15T15:59:59.999Z',
    });
  });
});

describe('audit filters in the URL', () => {
  it('keeps what the API accepts, in a stable order, and drops the rest', () => {
    const sp = new URLSearchParams(
      'page=2&to=2026-03-31&from=2026-03-01&user=ana&entityId=42&entity=target&action=target.review&x=1',
    );
    const f = readAuditFilters(sp);
    expect(urlSearch(f)).toBe(
      '?action=target.review&user=ana&entity=target&entityId=42&from=2026-03-01&to=2026-03-31&page=2',
    );
    const bad = readAuditFilters(
      new URLSearchParams('action=delete.everything&entity=table&from=yesterday&to=2026-02-30&page=0&user=%20'),
    );
    expect(bad).toEqual({});
  });
});
