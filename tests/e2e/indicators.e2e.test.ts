import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorDetail, IndicatorList, RegionOverview } from '../../shared/schemas/indicator';
import { isBehind } from '../../shared/schemas/indicator';
import type { Target, TargetDetail, TargetList } from '../../shared/schemas/target';
import { type ApiClient, loginAs } from '../setup/auth';
import { type E2E, startE2E } from './harness';

let e2e: E2E;
let analyst: ApiClient;

async function api<T>(path: string): Promise<T> {
  const res = await analyst.get(path);
  expect(res.status, path).toBe(200);
  return res.body as T;
}

/** Fails on serious or critical accessibility violations, listing them. */
async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')})`)).toEqual([]);
}

async function upload(name: string, text: string): Promise<number> {
  const { status, body } = await analyst.upload(name, text);
  expect(status, JSON.stringify(body)).toBeLessThan(300);
  return (body.document as { id: number }).id;
}

async function reportOn(documentId: number, metricPart: string, value: number) {
  const list = await api<TargetList>(`/api/targets?document=${documentId}&pageSize=500`);
  const t = list.items.find((x) => x.metric.includes(metricPart));
  if (!t) throw new Error(`no ${metricPart} in document ${documentId}`);
  const res = await analyst.send('POST', `/api/targets/${t.id}/actuals`, { value, asOf: '2026-01-31' });
  expect(res.status).toBe(201);
}

/** Province, its 5G-per-10,000 goal for 2027 and the actual reported (null: none). */
const NETWORK = [
  ['浙江省', 40, 41],
  ['江苏省', 38, 4],
  ['广东省', 42, 12],
  ['四川省', 30, null],
] as const;

beforeAll(async () => {
  e2e = await startE2E();
  analyst = await loginAs(e2e, 'analyst');
  for (const [name, goal, actual] of NETWORK) {
    const id = await upload(
      `${name}-5g.txt`,
      `${name}新型信息基础设施建设规划（2021—2027年）\n\n到2027年，全省每万人拥有5G基站数达到${goal}个。\n`,
    );
    if (actual !== null) await reportOn(id, '5G', actual);
  }
  await upload(
    'national-5g.txt',
    '全国新型信息基础设施建设规划（2021—2027年）\n\n到2027年，全国每万人拥有5G基站数达到35个。\n',
  );
  await upload(
    '浙江省数字政府.txt',
    '浙江省数字政府建设“十四五”规划（2021—2025年）\n\n到2025年，全省政务服务事项网上可办率达到100%，高频事项掌上办理率达到90%。\n',
  );
  await upload(
    '杭州市数字政府.txt',
    '杭州市数字政府建设实施方案（2021—2025年）\n\n到2025年，全市政务服务事项网上可办率达到100%，承诺时限办结率达到99%。\n',
  );
  await upload(
    '宁波市数字政府.txt',
    '宁波市数字政府建设实施方案（2021—2025年）\n\n到2025年，全市高频事项掌上办理率达到95%。\n',
  );
}, 240_000);
afterAll(async () => {
  await e2e?.close();
});

describe('a manager, by clicking', () => {
  it('finds the provinces behind on a network indicator, the national target beside them', async () => {
    const page = await e2e.pageAs('viewer');
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '指标库' }).click();
    await page.getByRole('heading', { name: '指标库' }).waitFor();
    const search = page.getByLabel('搜索指标（名称或同义词）');
    await search.fill('5G基站');
    await search.press('Enter');
    await page.waitForURL(/q=5G/);
    await page.getByRole('link', { name: '每万人拥有5G基站数' }).click();
    await page.getByRole('heading', { name: '每万人拥有5G基站数' }).waitFor();
    await page.getByLabel('层级').selectOption('province');
    await page.getByLabel('只看落后地区').click();
    await page.waitForURL(/behind=1/);
    await page.getByRole('heading', { name: /落后地区/ }).waitFor();
    const shown = await page
      .locator('[data-testid=indicator-regions] tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-region')));
    await e2e.shot(page, 'indicator-behind');
    await expectAccessible(page);

    // The same question asked of the API.
    const list = await api<IndicatorList>(`/api/indicators?q=${encodeURIComponent('5G基站')}`);
    const ind = list.items.find((i) => i.name === '每万人拥有5G基站数');
    if (!ind) throw new Error('indicator missing');
    const detail = await api<IndicatorDetail>(`/api/indicators/${ind.id}?level=province`);
    const behind = detail.regions.filter((r) => isBehind(r.status)).map((r) => r.regionCode);
    expect(shown).toEqual(behind);
    // Jiangsu (4 of 38) and Guangdong (12 of 42) are behind; Zhejiang reached its goal, Sichuan reported nothing.
    expect(behind).toEqual(expect.arrayContaining(['320000', '440000']));
    expect(behind).not.toContain('330000');
    expect(behind).not.toContain('510000');
    const national = await page.getByTestId('national-targets').textContent();
    expect(national).toContain('35');
    expect(detail.national[0]?.value).toBe(35);
  });

  it("sees a province's digital-government targets with its cities'", async () => {
    const page = await e2e.pageAs('viewer');
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '指标库' }).click();
    await page.getByLabel('搜索指标（名称或同义词）').fill('网上可办率');
    await page.locator('#main').getByRole('button', { name: '搜索' }).click();
    await page.getByRole('link', { name: '政务服务事项网上可办率' }).click();
    await page.getByRole('link', { name: '浙江省', exact: true }).click();
    await page.getByRole('heading', { name: '浙江省' }).waitFor();
    await page.locator('.multi-pick summary', { hasText: '主题' }).click();
    await page.getByRole('checkbox', { name: '数字政府与政务服务' }).click();
    await page.waitForURL(/theme=gov/);

    const overview = await api<RegionOverview>('/api/regions/330000/overview?theme=gov');
    const targets = await api<TargetList>('/api/targets?region=330000&theme=gov&kind=target&pageSize=500');
    await page
      .getByTestId('region-total')
      .filter({ hasText: new RegExp(`^${overview.summary.total}$`) })
      .waitFor();
    expect(overview.summary.total).toBe(targets.total);
    // Zhejiang's own and both cities' targets, each city with its status mix.
    const cities = await page
      .locator('[data-testid=region-children] tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-region')));
    expect(cities).toEqual(overview.summary.byRegion.map((c) => c.regionCode));
    expect(cities).toEqual(expect.arrayContaining(['330100', '330200']));
    const listed = await page
      .locator('table[aria-label], table')
      .filter({ has: page.locator('caption', { hasText: '本地区目标' }) })
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-region')));
    expect(listed.sort()).toEqual(targets.items.map((t) => t.regionCode).sort());
    expect(listed).toEqual(expect.arrayContaining(['330000', '330100', '330200']));
    // The province's government figure beside the national one when there is one, computed on the server.
    expect(overview.comparison.map((c) => c.indicator.name)).toContain('政务服务事项网上可办率');
    await e2e.shot(page, 'region-gov');
    await expectAccessible(page);
  });

  it('as an analyst, assigns a target to another indicator from its page, and the choice is kept', async () => {
    const page = await e2e.pageAs('analyst');
    await page.goto(`${e2e.url}/regions/330000?theme=gov`);
    const own = page.locator('table').filter({ has: page.locator('caption', { hasText: '本地区目标' }) });
    await own.locator('tbody tr[data-region="330000"] a', { hasText: '高频事项掌上办理率' }).click();
    await page
      .getByTestId('indicator-control')
      .getByRole('link', { name: /高频事项掌上办理率/ })
      .waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const list = await api<IndicatorList>('/api/indicators');
    const other = list.items.find((i) => i.name === '政务服务事项网上可办率');
    if (!other) throw new Error('indicator missing');
    const control = page.getByTestId('indicator-control');
    await control.getByLabel('指定指标').selectOption(String(other.id));
    await control.getByRole('button', { name: '保存指标', exact: true }).click();
    await control.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await page.getByTestId('indicator-control').getByText('分析员指定').waitFor();
    const after = (await api<TargetDetail>(`/api/targets/${id}`)).target as Target;
    expect(after).toMatchObject({ indicatorId: other.id, indicatorManual: true });
    await e2e.shot(page, 'target-indicator');
    await expectAccessible(page);
  });
});
