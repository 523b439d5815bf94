import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentInfo } from '../../shared/schemas/document';
import type { Summary } from '../../shared/schemas/summary';
import type { TargetList } from '../../shared/schemas/target';
import { type ApiClient, loginAs } from '../setup/auth';
import { type E2E, startE2E } from './harness';

let e2e: E2E;
let analyst: ApiClient;
/** A Fujian target with one actual at half its value: the one reported target of Fujian's two dozen. */
let halfway: TargetList['items'][number];
beforeAll(async () => {
  e2e = await startE2E();
  analyst = await loginAs(e2e, 'analyst');
  const list = (await analyst.get('/api/targets?kind=target&region=350000&pageSize=500')).body as unknown as TargetList;
  const pick = list.items.find(
    (t) => t.comparator === '>=' && t.baselineValue === null && t.value >= 10 && t.deadline !== null,
  );
  if (!pick) throw new Error('no Fujian target to chart');
  halfway = pick;
  const added = await analyst.send('POST', `/api/targets/${pick.id}/actuals`, {
    value: pick.value / 2,
    asOf: '2026-02-28',
  });
  expect(added.status).toBe(201);
}, 180_000);
afterAll(async () => {
  await e2e?.close();
});

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The chart's legend must not cover any axis tick or axis title. */
async function expectLegendClear(chart: Locator) {
  // The legend's items, not its wrapper, whose top padding is empty space.
  const legend = await chart.locator('.recharts-legend-wrapper ul').boundingBox();
  expect(legend).not.toBeNull();
  const texts = chart.locator('.recharts-cartesian-axis-tick-value, .recharts-label');
  const n = await texts.count();
  expect(n).toBeGreaterThan(3);
  for (let i = 0; i < n; i++) {
    const box = await texts.nth(i).boundingBox();
    if (box && legend)
      expect(
        overlaps(legend, box),
        `legend ${JSON.stringify(legend)} covers "${await texts.nth(i).textContent()}" ${JSON.stringify(box)}`,
      ).toBe(false);
  }
}

async function yTicks(page: Page): Promise<number[]> {
  const texts = await page.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
  return texts.map((s) => Number(s.replace(/,/g, ''))).filter((x) => Number.isFinite(x));
}

describe('charts that tell the truth', () => {
  it('draws the target line on a detail chart whose actuals stay far below it', async () => {
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/targets/${halfway.id}`);
    const chart = page.getByRole('img', { name: '实绩走势' });
    // The target line's label is drawn only when the line is inside the axis's domain.
    await chart.getByText(`目标 ${halfway.value}${halfway.unit}`).waitFor();
    const ticks = await yTicks(page);
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(halfway.value);
    await e2e.shot(page, 'chart-target-line');
  });

  it('reaches the top of a range target band when the actuals stay below it', async () => {
    const list = (await analyst.get('/api/targets?kind=target&pageSize=500')).body as unknown as TargetList;
    const range = list.items.find((t) => t.comparator === 'range' && t.valueMax !== null && t.valueMax > 0);
    if (!range || range.valueMax === null) throw new Error('no range target in the seeds');
    const added = await analyst.send('POST', `/api/targets/${range.id}/actuals`, {
      value: range.value / 4,
      asOf: '2026-02-28',
    });
    expect(added.status).toBe(201);
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/targets/${range.id}`);
    const chart = page.getByRole('img', { name: '实绩走势' });
    await chart.locator('.recharts-reference-area').first().waitFor();
    expect(Math.max(...(await yTicks(page)))).toBeGreaterThanOrEqual(range.valueMax);
    await e2e.shot(page, 'chart-range-band');
  });

  it('says on each region bar what its end label shows, and how few a mean rests on', async () => {
    const summary = (await analyst.get('/api/summary?kind=target')).body as unknown as Summary;
    const fujian = summary.byRegion.find((r) => r.regionCode === '350000');
    expect(fujian).toMatchObject({ reported: 1 });
    expect(fujian?.count).toBeGreaterThan(1);
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/`);
    const regions = page.getByRole('img', { name: '各地区进度' });
    await regions.locator('.recharts-bar-rectangle').first().waitFor();
    const drawn = (await regions.locator('.recharts-label-list text').allTextContents()).filter(Boolean);
    expect(drawn).toContain(`均${fujian?.meanProgress}%（1/${fujian?.count}有实绩）`);
    // Every other region has no actual: its bar says how many targets, in words.
    expect(drawn.filter((s) => /^\d+项$/.test(s)).length).toBe(summary.byRegion.filter((r) => r.reported === 0).length);
    expect(drawn.some((s) => s.startsWith('n='))).toBe(false);
    await page.getByText('条末：平均进度').first().waitFor();
    for (const name of ['各主题进度', '各地区进度', '到期时间分布（按状态）']) {
      await expectLegendClear(page.getByRole('img', { name }));
    }
    await e2e.shot(page, 'overview-truthful-labels');
  });

  it('labels undated targets "no deadline" in both languages, and shows no internal key in English', async () => {
    const summary = (await analyst.get('/api/summary?kind=target')).body as unknown as Summary;
    expect(summary.byDeadlineYear.some((g) => g.year === null)).toBe(true);
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/`);
    const timeline = page.getByRole('img', { name: '到期时间分布（按状态）' });
    await timeline.getByText('无期限').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    const en = page.getByRole('img', { name: 'Deadlines by year and status' });
    await en.getByText('No deadline').waitFor();
    expect(await en.getByText('None', { exact: true }).count()).toBe(0);
    await e2e.shot(page, 'overview-english');
    await page.goto(`${e2e.url}/targets/${halfway.id}`);
    await page.locator('dl.fields').waitFor();
    const fields = (await page.locator('dl.fields').textContent()) ?? '';
    expect(fields).not.toMatch(/unknown|预期性|约束性/);
    expect(fields).toMatch(/Binding(Not stated|Expected \(indicative\)|Binding \(mandatory\))/);
    await e2e.shot(page, 'detail-english');
  });
});

describe('China time', () => {
  it("defaults a new actual's date to the day in China when UTC is still on the day before", async () => {
    const page = await e2e.pageAs('analyst');
    await page.clock.setFixedTime(new Date('2026-11-30T17:00:00Z'));
    await page.goto(`${e2e.url}/targets/${halfway.id}`);
    const asOf = page.getByLabel('截至日期');
    await asOf.waitFor();
    expect(await page.evaluate(() => new Date().toISOString().slice(0, 10))).toBe('2026-11-30');
    expect(await asOf.inputValue()).toBe('2026-12-01');
  });
});

describe('the documents list', () => {
  it("shows each document's real figure count and title, and unfolds its articles", async () => {
    const docs = (await analyst.get('/api/documents')).body as unknown as DocumentInfo[];
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/documents`);
    const table = page.locator('table.documents');
    await table.waitFor();
    for (const d of docs) {
      const row = table.locator('tbody tr', { hasText: d.fileName });
      expect(await row.locator('td.num').first().textContent()).toBe(String(d.figures));
      expect(d.figures).toBeGreaterThan(1);
    }
    const issue = page.getByRole('link', { name: '大数据发展动态 2024年第49期' });
    await issue.waitFor();
    const toggle = page.getByRole('button', { name: '展开“大数据发展动态 2024年第49期”的文章' });
    await toggle.click();
    const articles = page.locator('ol.articles li');
    await articles.first().waitFor();
    expect(await articles.first().textContent()).toContain('数字经济高质量发展工作推进会在北京召开');
    expect(await articles.count()).toBeGreaterThan(5);
    await e2e.shot(page, 'documents-articles');
    await page.getByRole('button', { name: '收起“大数据发展动态 2024年第49期”的文章' }).click();
    await expect.poll(() => articles.count()).toBe(0);
  });
});
