import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../server/db/client';
import { getMeta, setMeta } from '../../server/repos/meta.repo';
import { ensureIndicatorCatalogue, MATCHER_VERSION } from '../../server/services/indicators.service';
import { buildTarget } from '../setup/factories';

const dir = mkdtempSync(join(tmpdir(), 'zhibiao-rematch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function indicatorOf(db: Db, targetId: number): number | null {
  const row = db.$client.prepare('SELECT indicator_id AS id FROM targets WHERE id = ?').get(targetId) as {
    id: number | null;
  };
  return row.id;
}

describe('a change of the indicator matching rules', () => {
  it('matches again, once, what the engine assigned under the old rules, and leaves analysts’ choices alone', () => {
    const path = join(dir, 'rematch.db');
    let db = openDatabase(path);
    expect(getMeta(db, 'indicatorMatcherVersion')).toBe(String(MATCHER_VERSION));
    const factories = (
      db.$client.prepare("SELECT id FROM indicators WHERE key = '5g_factories'").get() as { id: number }
    ).id;
    const stations = (
      db.$client.prepare("SELECT id FROM indicators WHERE key = '5g_base_stations'").get() as { id: number }
    ).id;
    // As the rules before version 2 left them: clusters counted as factories.
    const cluster = buildTarget(db, { metric: '省级5G全连接工厂示范集聚区数量', normalizedUnit: '个' });
    const chosen = buildTarget(db, { metric: '省级5G全连接工厂示范集聚区数量', normalizedUnit: '个' });
    const base = buildTarget(db, { metric: '5G基站数', normalizedUnit: '个' });
    const set = db.$client.prepare('UPDATE targets SET indicator_id = ?, indicator_manual = ? WHERE id = ?');
    set.run(factories, 0, cluster.id);
    set.run(factories, 1, chosen.id);
    set.run(stations, 0, base.id);
    setMeta(db, 'indicatorMatcherVersion', '1');
    db.$client.close();

    db = openDatabase(path);
    expect(indicatorOf(db, cluster.id)).toBeNull();
    expect(indicatorOf(db, chosen.id)).toBe(factories);
    expect(indicatorOf(db, base.id)).toBe(stations);
    expect(getMeta(db, 'indicatorMatcherVersion')).toBe(String(MATCHER_VERSION));
    // Once: a later open changes nothing, even a figure set by hand in the database since.
    db.$client.prepare('UPDATE targets SET indicator_id = ? WHERE id = ?').run(factories, cluster.id);
    expect(ensureIndicatorCatalogue(db)).toEqual({ added: 0, assigned: 0 });
    expect(indicatorOf(db, cluster.id)).toBe(factories);
    db.$client.close();
  });
});
