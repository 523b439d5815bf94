import { describe, expect, it } from 'vitest';
import { readAuditFilters } from '../../client/src/features/audit/filters';
import { readFilters, targetsLink } from '../../client/src/features/targets/filters';
import { readUrlFilters, urlSearch, writeUrlFilters } from '../../client/src/lib/urlFilters';
import { TargetListQuerySchema } from '../../shared/schemas/target';

const read = (qs: string) => readUrlFilters(TargetListQuerySchema, new URLSearchParams(qs), ['pageSize']);

describe('readUrlFilters', () => {
  it('parses every valid param with the shared schema, to the types the API takes', () => {
    expect(
      read(
        'region=430000&theme=compute&kind=target&status=at_risk&review=confirmed&deadlineFrom=2025&deadlineTo=2026-12' +
          '&document=7&q=%E7%AE%97%E5%8A%9B&includeGone=1&sort=deadline&order=desc&page=3',
      ),
    ).toEqual({
      region: '430000',
      theme: ['compute'],
      kind: 'target',
      status: ['at_risk'],
      review: 'confirmed',
      deadlineFrom: '2025',
      deadlineTo: '2026-12',
      document: 7,
      q: '算力',
      includeGone: true,
      sort: 'deadline',
      order: 'desc',
      page: 3,
    });
  });

  it('drops each invalid param and keeps the valid ones beside it, without throwing', () => {
    expect(
      read(
        'region=43&theme=space&kind=target&status=late&deadlineFrom=2025-13&document=-1&q=%00&sort=evil&order=up&page=0&x=1',
      ),
    ).toEqual({ kind: 'target' });
    expect(read('page=abc&q=%20%20&document=1.5')).toEqual({});
    // Absent params stay absent: the schema's defaults (sort=id, page=1) are the API's to apply.
    expect(read('')).toEqual({});
  });

  it('never reads the fields it is told to leave out', () => {
    expect(read('pageSize=500&kind=target')).toEqual({ kind: 'target' });
    expect(readUrlFilters(TargetListQuerySchema, new URLSearchParams('pageSize=5'))).toEqual({ pageSize: 5 });
  });

  it('drops the field a rule between fields names, and only that one', () => {
    expect(read('deadlineFrom=2030&deadlineTo=2025&kind=target')).toEqual({ deadlineTo: '2025', kind: 'target' });
    expect(read('deadlineFrom=2025&deadlineTo=2030')).toEqual({ deadlineFrom: '2025', deadlineTo: '2030' });
  });

  it('reads the audit log’s local days as days only, not the instants the API also takes', () => {
    expect(readAuditFilters(new URLSearchParams('from=2026-03-01&to=2026-03-01T00:00:00Z&user=Ana'))).toEqual({
      from: '2026-03-01',
      user: 'ana',
    });
  });
});

describe('writeUrlFilters', () => {
  it('leaves out empty values and writes the rest as text', () => {
    expect(
      writeUrlFilters({ kind: 'target', theme: undefined, q: '', region: null, page: 2, includeGone: true }).toString(),
    ).toBe('kind=target&page=2&includeGone=true');
    expect(urlSearch({ q: '' })).toBe('');
    expect(targetsLink({ kind: 'target', status: ['missed'] })).toBe('/targets?kind=target&status=missed');
    // Several values of one filter: comma-separated, as the API reads them.
    expect(targetsLink({ theme: ['network', 'compute'], status: ['missed', 'unreported'] })).toBe(
      '/targets?theme=network%2Ccompute&status=missed%2Cunreported',
    );
    expect(writeUrlFilters({ theme: [] }).toString()).toBe('');
  });

  it('round-trips: what is written reads back the same', () => {
    const filters = readFilters(
      new URLSearchParams(
        'region=110000&theme=ai,rural&status=on_track&deadlineFrom=2021&deadlineTo=2025-06&document=12&q=5G+%E5%9F%BA%E7%AB%99&sort=progress&order=asc&page=4',
      ),
    );
    expect(Object.keys(filters)).toHaveLength(10);
    expect(readFilters(writeUrlFilters(filters))).toEqual(filters);
    // And the text of the URL is stable: written again, it is the same string.
    expect(writeUrlFilters(readFilters(writeUrlFilters(filters))).toString()).toBe(writeUrlFilters(filters).toString());
    const audit = readAuditFilters(
      new URLSearchParams(
        'action=target.review&user=ana&entity=target&entityId=42&from=2026-03-01&to=2026-03-31&page=2',
      ),
    );
    expect(Object.keys(audit)).toHaveLength(7);
    expect(readAuditFilters(writeUrlFilters(audit))).toEqual(audit);
  });
});
