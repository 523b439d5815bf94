/**
 * Review at scale (issue 14) in a real browser on the real server: an analyst uploads a plan, sets the region of
 * all its figures in one bulk change, rejects one section's figures, confirms the rest with the keyboard, then
 * undoes the rejection from the audit log. Every step is checked through the API too, and the keystrokes of
 * the flow are counted.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../shared/schemas/audit';
import type { Target, TargetList } from '../../shared/schemas/target';
import { type ApiClient, loginAs } from '../setup/auth';
import { policyTxt } from '../setup/documents';
import { type E2E, startE2E } from './harness';

let e2e: E2E;
let reader: ApiClient;
beforeAll(async () => {
  e2e = await startE2E();
  reader = await loginAs(e2e, 'analyst');
}, 180_000);
afterAll(async () => {
  await e2e?.close();
});

async function figuresOf(docId: number): Promise<Target[]> {
  return ((await reader.get(`/api/targets?document=${docId}&pageSize=500`)).body as unknown as TargetList).items;
}

async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')})`)).toEqual([]);
}

describe('an analyst puts a new document’s figures right', () => {
  it('bulk-sets the region, rejects a section, confirms the rest by keyboard and undoes the rejection', async () => {
    const page = await e2e.pageAs('analyst');
    await page.goto(`${e2e.url}/documents`);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '合肥行动方案.txt', mimeType: 'text/plain', buffer: policyTxt() });
    const uploaded = page.getByRole('status');
    await uploaded.waitFor();
    await uploaded.getByRole('link').click();
    const queue = page.getByRole('list', { name: /审核队列/ });
    await queue.locator('li.queue-item').first().waitFor();
    const docId = Number(new URL(page.url()).pathname.split('/').pop());
    const figures = await figuresOf(docId);
    expect(figures.length).toBeGreaterThanOrEqual(10);
    expect(await queue.locator('li.queue-item').count()).toBe(figures.length);
    // The first figure is shown whole beside its source line.
    const record = page.locator('.queue-record');
    await expect.poll(() => record.textContent()).toContain('合肥市');
    expect(await record.textContent()).toContain('第 4 行');
    // …with the engine's reasons for its region, kind and deadline.
    const first = [...figures].sort((a, b) => a.line - b.line || a.id - b.id)[0];
    if (!first?.reasons) throw new Error('the engine gave the first figure no reasons');
    for (const why of [first.reasons.region, first.reasons.kind, first.reasons.deadline]) {
      expect(await record.textContent()).toContain(why);
    }

    let keystrokes = 0;
    const press = async (key: string) => {
      await page.keyboard.press(key);
      keystrokes++;
    };
    const toast = page.locator('.toast');

    // 1. Every figure to 瑶海区 (340102): A selects all, B goes to the bulk bar's region, Enter picks, Enter applies.
    await queue.focus();
    keystrokes++; // the Tab that brings a keyboard user into the queue
    await press('a');
    await press('b');
    for (const ch of '340102') await press(ch);
    await page.getByRole('option', { name: /瑶海区/ }).waitFor();
    await press('Enter');
    await press('Enter');
    await expect.poll(() => toast.textContent()).toContain(`已更新 ${figures.length} 项`);
    for (const t of await figuresOf(docId))
      expect([t.regionCode, t.region, t.review]).toEqual(['340102', '合肥市瑶海区', 'corrected']);
    await e2e.shot(page, 'review-bulk-region');

    // 2. Reject the table's section (主要指标, its last): End, S selects the section, R rejects it.
    await press('End');
    await press('s');
    const section = figures.filter((t) => t.line >= 11);
    expect(section.length).toBe(6);
    await expect.poll(() => page.locator('li.queue-item.selected').count()).toBe(section.length);
    await expectAccessible(page);
    await press('r');
    await expect.poll(() => toast.textContent()).toContain(`已更新 ${section.length} 项`);
    const afterReject = await figuresOf(docId);
    for (const t of afterReject) expect(t.review).toBe(t.line >= 11 ? 'rejected' : 'corrected');

    // 3. Confirm the rest: A, C.
    const rest = figures.length - section.length;
    await expect.poll(() => queue.locator('li.queue-item').count()).toBe(rest);
    await press('a');
    await press('c');
    await expect.poll(() => toast.textContent()).toContain(`已更新 ${rest} 项`);
    await expect.poll(() => queue.locator('li.queue-item').count()).toBe(0);
    for (const t of await figuresOf(docId)) expect(t.review).toBe(t.line >= 11 ? 'rejected' : 'confirmed');

    // 4. Undo the rejection from the audit log, where the batch's entries stand together with an undo button.
    const sectionIds = new Set(section.map((t) => t.id));
    const log = (await reader.get(`/api/audit?entity=target&action=target.review&pageSize=100`))
      .body as unknown as AuditPage;
    const rejection = log.items.find((e) => sectionIds.has(Number(e.entityId)) && e.batchId)?.batchId;
    if (!rejection) throw new Error('the rejection was not audited with a batch id');
    const batch = (await reader.get(`/api/audit?batch=${rejection}&pageSize=100`)).body as unknown as AuditPage;
    expect(batch.items.map((e) => Number(e.entityId)).sort()).toEqual([...sectionIds].sort());
    await page.getByRole('link', { name: '审计日志' }).click();
    const row = page.locator('tr', { has: page.getByRole('link', { name: `批次 ${rejection.slice(0, 8)}` }) });
    await row.getByRole('button', { name: '撤销此批次' }).click();
    await expect.poll(() => page.locator('.toast').textContent()).toContain(`恢复 ${section.length} 项`);
    await e2e.shot(page, 'review-audit-undo');
    for (const t of await figuresOf(docId)) {
      // The section is back as it was before the rejection (region corrected, undecided); the rest stays confirmed.
      expect([t.review, t.regionCode]).toEqual([t.line >= 11 ? 'corrected' : 'confirmed', '340102']);
    }
    console.log(`review flow: ${keystrokes} keystrokes and 2 clicks (the audit log's link and its undo button)`);
    expect(keystrokes).toBeLessThanOrEqual(20);
  }, 120_000);

  it('sets the theme of everything a list filter matches from the targets list, and undoes it from the toast', async () => {
    const docs = (await reader.get('/api/documents')).body as unknown as { id: number; figures: number }[];
    const doc = docs.find((d) => d.figures > 0 && d.figures <= 60);
    if (!doc) throw new Error('no seed document with figures');
    const before = await figuresOf(doc.id);
    const page = await e2e.pageAs('analyst');
    await page.goto(`${e2e.url}/targets?document=${doc.id}`);
    await page.getByRole('button', { name: `全选符合筛选的 ${before.length} 项` }).click();
    const bar = page.getByRole('form', { name: `已选 ${before.length} 项` });
    await bar.getByLabel('主题').selectOption('security');
    await bar.getByRole('button', { name: '修改所选' }).click();
    const toast = page.locator('.toast');
    await expect.poll(() => toast.textContent()).toContain(`已更新 ${before.length} 项`);
    for (const t of await figuresOf(doc.id)) expect(t.theme).toBe('security');
    await toast.getByRole('button', { name: '撤销' }).click();
    await expect.poll(() => toast.textContent()).toContain(`恢复 ${before.length} 项`);
    const after = await figuresOf(doc.id);
    expect(after.map((t) => [t.id, t.theme, t.review])).toEqual(before.map((t) => [t.id, t.theme, t.review]));
  }, 60_000);
});
