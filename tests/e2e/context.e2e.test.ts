import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Target, TargetList } from '../../shared/schemas/target';
import { type ApiClient, loginAs } from '../setup/auth';
import { closePrinter, POLICY, policyPdf } from '../setup/documents';
import { type E2E, startE2E } from './harness';

let e2e: E2E;
let reader: ApiClient;
beforeAll(async () => {
  e2e = await startE2E();
  reader = await loginAs(e2e, 'viewer');
}, 180_000);
afterAll(async () => {
  await closePrinter();
  await e2e?.close();
});

async function targetsOf(documentId: number): Promise<Target[]> {
  const res = await reader.get(`/api/targets?document=${documentId}&pageSize=500&sort=id`);
  return (res.body as unknown as TargetList).items;
}

async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')})`)).toEqual([]);
}

describe('an analyst corrects a document’s context', () => {
  it('uploads a PDF, confirms a target, corrects the region, and sees the targets move while the confirmed one keeps its decision', async () => {
    const page = await e2e.pageAs('analyst');
    await page.goto(`${e2e.url}/documents`);
    await page.locator('input[type=file]').setInputFiles({
      name: '合肥行动方案.pdf',
      mimeType: 'application/pdf',
      buffer: await policyPdf(),
    });
    const status = page.getByRole('status');
    await status.waitFor();
    await status.getByRole('link').click();
    await page.locator('a.fig').first().waitFor();
    const documentId = Number(new URL(page.url()).pathname.split('/').pop());

    // What the engine decided, with why: the title from the opening line, the issuer from the title.
    const panel = page.getByRole('region', { name: '文件背景（引擎判断）' });
    const field = (name: string) => panel.locator(`[data-field=${name}]`);
    expect(await field('title').locator('.context-value').textContent()).toBe(POLICY.title);
    expect(await field('issuer').locator('.context-value').textContent()).toContain('合肥市');
    expect(await field('genre').locator('.context-value').textContent()).toBe('行动计划/方案');
    expect(await field('planPeriod').locator('.context-value').textContent()).toBe('2024—2026');
    await field('title').getByRole('link', { name: '第 1 行' }).waitFor();
    expect(await panel.locator('table.context-articles tbody tr').count()).toBeGreaterThan(0);
    await e2e.shot(page, 'document-context');
    await expectAccessible(page);

    const before = await targetsOf(documentId);
    expect(before.length).toBeGreaterThan(3);
    expect(new Set(before.map((t) => t.regionCode))).toEqual(new Set(['340100']));

    // A target's provenance: page and line of the PDF; the analyst confirms it.
    await page.locator('a.fig', { hasText: '１５００亿元' }).first().click();
    await page.getByTestId('provenance').waitFor();
    expect(await page.getByTestId('provenance').textContent()).toBe('第1页 第4行');
    const confirmedId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByLabel('原因（记入审计日志）').fill('核对原文无误');
    await page.getByRole('button', { name: '确认', exact: true }).click();
    await page.locator('dl.fields', { hasText: '已确认' }).waitFor();
    await page.goBack();

    // The document is really a Nanjing plan: correct the issuing government with the region picker.
    await panel.getByRole('button', { name: '更正' }).click();
    const form = panel.getByRole('form');
    await form.getByLabel('省级').selectOption('320000');
    await form.getByLabel('市级').selectOption('320100');
    await form.getByRole('button', { name: '保存并重新抽取' }).click();
    await panel.getByRole('status').filter({ hasText: '已按更正重新抽取' }).waitFor();
    await field('issuer').locator('.context-value', { hasText: '南京市' }).waitFor();
    expect(await field('issuer').textContent()).toContain('分析员指定');
    expect(await field('issuer').textContent()).toContain('stated by an analyst');
    await e2e.shot(page, 'document-context-corrected');
    await expectAccessible(page);

    const after = await targetsOf(documentId);
    expect(after.map((t) => t.id).sort()).toEqual(before.map((t) => t.id).sort());
    expect(new Set(after.map((t) => t.regionCode))).toEqual(new Set(['320100']));
    expect(after.find((t) => t.id === confirmedId)?.review).toBe('confirmed');

    // The confirmed target's page shows the new region and its decision kept.
    await page.goto(`${e2e.url}/targets/${confirmedId}`);
    const fields = page.locator('dl.fields').first();
    await fields.waitFor();
    expect(await fields.textContent()).toContain('南京市');
    expect(await fields.textContent()).toContain('已确认');
  }, 180_000);

  it('shows a viewer the context without a way to correct it', async () => {
    const docs = (await reader.get('/api/documents')).body as unknown as { id: number }[];
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/documents/${docs[0]?.id}`);
    const panel = page.getByRole('region', { name: '文件背景（引擎判断）' });
    await panel.locator('[data-field=issuer]').waitFor();
    expect(await panel.getByRole('button', { name: '更正' }).count()).toBe(0);
  });
});
