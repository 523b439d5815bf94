import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaleSummary, Summary } from '../../shared/schemas/summary';
import type { TargetList } from '../../shared/schemas/target';
import { type ApiClient, loginAs } from '../setup/auth';
import { type E2E, startE2E } from './harness';

// Issue 15: a bureau manager's questions answered by clicking, each answer checked against the API.

const TODAY = '2026-03-15';
let e2e: E2E;
let reader: ApiClient;
beforeAll(async () => {
  e2e = await startE2E(TODAY);
  reader = await loginAs(e2e, 'viewer');
}, 180_000);
afterAll(async () => {
  await e2e?.close();
});

async function api<T>(path: string): Promise<T> {
  const res = await reader.get(path);
  expect(res.status, path).toBe(200);
  return res.body as T;
}

/** Every target id the list shows, page after page, by clicking 下一页 until it is disabled. */
async function idsOnEveryPage(page: Page): Promise<number[]> {
  const ids: number[] = [];
  for (;;) {
    await page.locator('table tbody tr').first().waitFor();
    const hrefs = await page
      .locator('table tbody tr td:nth-child(3) a[href^="/targets/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    ids.push(...hrefs.map((h) => Number(h.split('/').pop())));
    const next = page.getByRole('button', { name: '下一页' });
    if (await next.isDisabled()) return ids;
    const before = page.url();
    await next.click();
    await page.waitForURL((u) => u.toString() !== before);
  }
}

/** The pager's total: “第 1 / 2 页，共 34 条”. */
async function pagerTotal(page: Page): Promise<number> {
  const text = (await page.locator('.pager span').textContent()) ?? '';
  return Number(/共\s*(\d+)/.exec(text)?.[1]);
}

describe('a manager asks', () => {
  it('"what is due this year?" — the KPI card opens the whole list, every page of it', async () => {
    const year = TODAY.slice(0, 4);
    const all = await api<TargetList>(`/api/targets?kind=target&deadlineFrom=${year}&deadlineTo=${year}&pageSize=500`);
    expect(all.total, 'the seeds have targets due this year').toBeGreaterThan(0);
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/`);
    const card = page.locator('.kpi', { hasText: '今年到期' });
    expect(Number(await card.locator('.kpi-value').textContent())).toBe(all.total);
    await card.click();
    await page.waitForURL(/\/targets\?/);
    expect(await pagerTotal(page)).toBe(all.total);
    const shown = await idsOnEveryPage(page);
    expect(shown.sort((a, b) => a - b)).toEqual(all.items.map((t) => t.id).sort((a, b) => a - b));
  });

  it('"what is due in the next months?" — the overview list says how many and links to all of them', async () => {
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/`);
    const seeAll = page.locator('.upcoming .see-all a');
    const shownInList = await page.locator('.upcoming li:not(.see-all)').count();
    if ((await seeAll.count()) === 0) {
      // Everything due fits in the overview's list: nothing is hidden.
      expect(shownInList).toBeLessThanOrEqual(12);
      return;
    }
    const total = Number(/\d+/.exec((await seeAll.textContent()) ?? '')?.[0]);
    expect(total).toBeGreaterThan(shownInList);
    await seeAll.click();
    await page.waitForURL(/\/targets\?/);
    expect(await pagerTotal(page)).toBe(total);
  });

  it('"search 5G" — from the header search box, the list shows exactly what the API finds, best match first', async () => {
    const found = await api<TargetList>('/api/targets?q=5G&pageSize=50');
    expect(found.total, 'the seeds mention 5G').toBeGreaterThan(0);
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/`);
    const box = page.getByRole('searchbox', { name: '搜索指标' });
    await box.fill('5G');
    await box.press('Enter');
    await page.waitForURL(/\/targets\?q=5G/);
    expect(await pagerTotal(page)).toBe(found.total);
    const hrefs = await page
      .locator('table tbody tr td:nth-child(3) a[href^="/targets/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.map((h) => Number(h.split('/').pop()))).toEqual(found.items.map((t) => t.id));
  });

  it('"search 算力" — Enter in the list\'s own search box filters the list (it did nothing before)', async () => {
    const found = await api<TargetList>(`/api/targets?q=${encodeURIComponent('算力')}&pageSize=50`);
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/targets`);
    const before = await pagerTotal(page);
    const box = page.locator('main input[type="search"][name="q"]');
    await box.fill('算力');
    await box.press('Enter');
    await page.waitForURL(/q=%E7%AE%97%E5%8A%9B/);
    await page.waitForFunction(
      (n) => document.querySelector('.pager span')?.textContent?.includes(`共 ${n} 条`),
      found.total,
    );
    expect(await pagerTotal(page)).toBe(found.total);
    expect(found.total).toBeLessThan(before);
  });

  it('filters the overview by two themes, every KPI following the API', async () => {
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/`);
    await page.locator('.multi-pick summary', { hasText: '主题' }).click();
    // The boxes follow the URL (a controlled input is ticked once the URL says so), hence click, then wait.
    await page.getByRole('checkbox', { name: '网络基础设施' }).click();
    await page.waitForURL(/theme=network/);
    await page.getByRole('checkbox', { name: '数字乡村与智慧农业' }).click();
    await page.waitForURL(/theme=network%2Crural/);
    await expect.poll(() => page.getByRole('checkbox', { name: '数字乡村与智慧农业' }).isChecked()).toBe(true);
    const summary = await api<Summary>('/api/summary?kind=target&theme=network,rural');
    const stale = await api<StaleSummary>('/api/summary/stale?kind=target&theme=network,rural');
    await page.waitForFunction(
      (n) => document.querySelector('.kpi .kpi-value')?.textContent === String(n),
      summary.total,
    );
    await page.locator('.kpi', { hasText: '数据陈旧' }).locator('.kpi-value', { hasNotText: '…' }).waitFor();
    for (const [label, n] of [
      ['逾期未达成', summary.byStatus.missed],
      ['逾期未报送', summary.byStatus.unreported],
      ['数据陈旧', stale.stale],
    ] as const) {
      const v = await page.locator('.kpi', { hasText: label }).locator('.kpi-value').textContent();
      expect(Number(v?.replace(/\D/g, '')), label).toBe(n);
    }
    // The tracked card opens the list with the same filters.
    await page.locator('.kpi', { hasText: '跟踪目标' }).click();
    await page.waitForURL(/\/targets\?/);
    expect(await pagerTotal(page)).toBe(summary.total);
  });
});
