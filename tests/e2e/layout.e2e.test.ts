import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetList } from '../../shared/schemas/target';
import { type ApiClient, loginAs } from '../setup/auth';
import { type E2E, SCREENSHOTS, startE2E } from './harness';

let e2e: E2E;
let reader: ApiClient;
beforeAll(async () => {
  e2e = await startE2E();
  reader = await loginAs(e2e, 'admin');
}, 180_000);
afterAll(async () => {
  await e2e?.close();
});

const PHONE = 390;

/** Waits for the page's data to be drawn: no loading panel left and the main heading shown. */
async function settle(page: Page) {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 15_000 });
  await page.waitForLoadState('networkidle');
}

/**
 * How wide the page is, and which elements stick out past the viewport (to say what to fix): the outermost
 * ones only, and not those inside a scroll box that itself fits (a wide table one scrolls sideways on purpose).
 */
async function overflow(page: Page) {
  return page.evaluate((w) => {
    const out = (el: Element) => el.getBoundingClientRect().right > w + 0.5;
    const clipped = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible' && !out(a)) return true;
      }
      return false;
    };
    const culprits: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      if (!out(el) || el.getBoundingClientRect().width === 0 || clipped(el)) continue;
      if (el.parentElement && out(el.parentElement)) continue;
      culprits.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)})`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, culprits: culprits.slice(0, 8) };
  }, PHONE);
}

/** The whole page, and the same in screen-high slices that can be looked at without shrinking them. */
async function shoot(page: Page, name: string) {
  await e2e.shot(page, name);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, i = 1; y < height && i <= 6; y += 1400, i++) {
    await page.screenshot({
      path: join(SCREENSHOTS, `${name}-${i}.png`),
      fullPage: true,
      clip: { x: 0, y, width: PHONE, height: Math.min(1400, height - y) },
    });
  }
}

describe('a phone at 390 px', () => {
  it('shows every page without horizontal scrolling', async () => {
    const list = (await reader.get('/api/targets?kind=target&pageSize=50')).body as TargetList;
    const target = list.items.find((t) => t.baselineValue !== null) ?? list.items[0];
    expect(target).toBeDefined();
    const docs = (await reader.get('/api/documents')).body as unknown as { id: number }[];
    const pages: [string, string][] = [
      ['overview', '/'],
      ['targets', '/targets'],
      ['target-detail', `/targets/${target?.id}`],
      ['documents', '/documents'],
      ['document', `/documents/${docs[0]?.id}`],
      ['region', '/regions/430000'],
      ['theme', '/themes/data'],
      ['import', '/import'],
      ['audit', '/audit'],
      ['users', '/users'],
      ['account', '/account'],
    ];
    const page = await e2e.pageAs('admin', { width: PHONE, height: 844 });
    const widths: Record<string, number> = {};
    const wide: Record<string, string[]> = {};
    // Chinese first, then English, whose words are longer.
    for (const lang of ['zh', 'en']) {
      if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
      for (const [name, path] of pages) {
        await page.goto(`${e2e.url}${path}`);
        await settle(page);
        const key = lang === 'zh' ? name : `${name}-en`;
        await shoot(page, `phone-${key}`);
        const o = await overflow(page);
        widths[key] = o.scrollWidth;
        if (o.scrollWidth > PHONE) wide[key] = o.culprits;
      }
    }
    console.log('scrollWidth at 390 px:', widths);
    expect(wide).toEqual({});
    for (const w of Object.values(widths)) expect(w).toBeLessThanOrEqual(PHONE);
  }, 300_000);
});
