import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/users.service';
import type { AuditPage } from '../../shared/schemas/audit';
import type { Summary } from '../../shared/schemas/summary';
import type { TargetList } from '../../shared/schemas/target';
import { type ApiClient, loginAs } from '../setup/auth';
import { closePrinter, POLICY, policyPdf, scannedPdf } from '../setup/documents';
import { type E2E, E2E_PASSWORD, startE2E } from './harness';

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

async function api<T>(path: string): Promise<T> {
  return (await reader.get(path)).body as T;
}

/** Fails on serious or critical accessibility violations, listing them. */
async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')})`)).toEqual([]);
}

describe('a manager', () => {
  it('sees the overview drawn with the real numbers', async () => {
    const summary = await api<Summary>('/api/summary?kind=target');
    const page = await e2e.pageAs('viewer');
    const summaryRequests: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/summary') summaryRequests.push(r.url());
    });
    await page.goto(`${e2e.url}/`);
    await page.getByRole('heading', { name: '各主题进度' }).waitFor();
    // The summary is asked for once: at start-up, beside the session check, and the page's query finds it.
    expect(summaryRequests.map((u) => new URL(u).search)).toEqual(['?kind=target']);
    const tracked = page.locator('.kpi', { hasText: '跟踪目标' }).locator('.kpi-value');
    expect(Number(await tracked.textContent())).toBe(summary.total);
    const missed = page.locator('.kpi', { hasText: '逾期未达成' }).locator('.kpi-value');
    expect(Number((await missed.textContent())?.replace(/\D/g, ''))).toBe(summary.byStatus.missed);
    // Every theme is a bar, and the deadline timeline has bars.
    const themeChart = page.getByRole('img', { name: '各主题进度' });
    expect(await themeChart.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(summary.byTheme.length);
    // Every bar ends in its mean progress (or its count while nothing has progress), including a bar that has no
    // target of the last status in the stack — Recharts draws no label on a zero-width segment.
    const ends = summary.byTheme.map((t) =>
      t.meanProgress === null
        ? `${t.count}项`
        : t.reported < t.count
          ? `均${t.meanProgress}%（${t.reported}/${t.count}有实绩）`
          : `均${t.meanProgress}%`,
    );
    const drawn = (await themeChart.locator('.recharts-label-list text').allTextContents()).filter(Boolean);
    expect(drawn.sort()).toEqual(ends.sort());
    expect(summary.byTheme.some((t) => t.byStatus.no_data === 0)).toBe(true);
    expect(
      await page.getByRole('img', { name: '到期时间分布（按状态）' }).locator('.recharts-bar-rectangle').count(),
    ).toBeGreaterThan(0);
    expect(await page.locator('table.heatmap tbody tr').count()).toBeGreaterThan(3);
    await e2e.shot(page, 'overview');
    await expectAccessible(page);
  });

  it('clicks a theme bar into the list filtered by that theme', async () => {
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/`);
    const themeChart = page.getByRole('img', { name: '各主题进度' });
    await themeChart.locator('path.recharts-rectangle').first().waitFor();
    // Segments of statuses a theme has none of are drawn zero-wide: click the first visible one.
    let clicked = false;
    for (const segment of await themeChart.locator('path.recharts-rectangle').all()) {
      const box = await segment.boundingBox();
      if (box && box.width > 4) {
        await segment.click();
        clicked = true;
        break;
      }
    }
    expect(clicked).toBe(true);
    await page.waitForURL(/\/targets\?.*theme=/);
    const theme = new URL(page.url()).searchParams.get('theme');
    expect(theme).toBeTruthy();
    await page.locator('table.data tbody tr').first().waitFor();
    const list = await api<TargetList>(`/api/targets${new URL(page.url()).search}`);
    expect(list.items.every((t) => t.theme === theme)).toBe(true);
    expect(await page.locator('table.data tbody tr').count()).toBe(Math.min(list.total, 50));
  });

  it('downloads a chart and the region × theme table as PNG pictures of themselves', async () => {
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/`);
    await page.getByRole('heading', { name: '各主题进度' }).waitFor();
    const png = async (card: string) => {
      const figure = page.getByRole('figure', { name: card });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        figure.getByRole('button', { name: '下载 PNG' }).click(),
      ]);
      const bytes = readFileSync(await download.path());
      // The PNG signature, then the IHDR chunk's width and height (big-endian, at bytes 16 and 20).
      expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      return { name: download.suggestedFilename(), width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
    };
    const chart = await png('各主题进度');
    expect(chart.name).toBe('progress-by-theme.png');
    const table = await png('地区 × 主题 目标数与平均进度');
    expect(table.name).toBe('region-theme.png');
    // Drawn at twice the size on screen: the whole table, also the columns scrolled out of view.
    const box = await page.locator('table.heatmap').evaluate((t) => ({ w: t.scrollWidth, h: t.scrollHeight }));
    expect(table.width).toBe(box.w * 2);
    expect(table.height).toBe(box.h * 2);
    expect(chart.width).toBeGreaterThan(400);
  });

  it('filters by a province and exports exactly the filtered set as CSV', async () => {
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/targets`);
    await page.getByLabel('省级').selectOption('430000');
    await page.waitForURL(/region=430000/);
    await page.locator('table.data tbody tr').first().waitFor();
    const list = await api<TargetList>('/api/targets?region=430000&pageSize=500');
    expect(list.total).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.pager span').textContent()).toContain(`共 ${list.total} 条`);
    await e2e.shot(page, 'targets');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('导出 CSV').click()]);
    expect(download.suggestedFilename()).toMatch(/^zhibiao-targets-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const rows = parse(readFileSync(path), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(list.total);
    // The Chinese UI exports Chinese headers (issue 16).
    expect(rows.every((r) => r.地区代码?.startsWith('43'))).toBe(true);
    expect(rows.map((r) => Number(r.编号)).sort((a, b) => a - b)).toEqual(
      list.items.map((t) => t.id).sort((a, b) => a - b),
    );
    await expectAccessible(page);
  });

  it('opens a target and sees the sentence its figure came from', async () => {
    const list = await api<TargetList>('/api/targets?kind=target&pageSize=1&q=PFlops');
    const target = list.items[0];
    expect(target).toBeDefined();
    if (!target) return;
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/targets/${target.id}`);
    const mark = page.locator('mark.quote-mark');
    await mark.waitFor();
    expect(await mark.textContent()).toBe(target.quote);
    expect(await page.locator('ol.source li.current').textContent()).toContain(target.quote);
    await e2e.shot(page, 'target-detail');
    await page.getByRole('link', { name: /在文件中查看/ }).click();
    await page.waitForURL(new RegExp(`/documents/${target.documentId}#L${target.line}`));
    await page.locator(`#L${target.line} a.fig`).first().waitFor();
    await e2e.shot(page, 'document');
    await expectAccessible(page);
  });

  it('switches the labels to English and back', async () => {
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/`);
    await page.getByRole('heading', { name: '总览' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.getByRole('link', { name: 'Targets', exact: true }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('heading', { name: 'Progress by theme' }).waitFor();
    await e2e.shot(page, 'overview-en');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '总览' }).waitFor();
  });

  it('reads the overview at tablet width', async () => {
    const page = await e2e.pageAs('viewer', { width: 820, height: 1180 });
    await page.goto(`${e2e.url}/`);
    await page.getByRole('heading', { name: '各主题进度' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await e2e.shot(page, 'overview-tablet');
  });
});

describe('documents', () => {
  it('uploads a text and shows its figures highlighted in the source viewer', async () => {
    const page = await e2e.pageAs('analyst');
    await page.goto(`${e2e.url}/documents`);
    await page.locator('table.data tbody tr').first().waitFor();
    await e2e.shot(page, 'documents');
    await expectAccessible(page);
    const text =
      '浙江省数字经济工作要点（2026年）\n\n到2026年底，全省5G基站总数达到25万个，数字经济核心产业增加值突破1.2万亿元。\n';
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '浙江工作要点.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
    const status = page.getByRole('status');
    await status.waitFor();
    expect(await status.textContent()).toMatch(/新增 \d+ 项/);
    await status.getByRole('link').click();
    await page.locator('a.fig').first().waitFor();
    const figures = await page.locator('a.fig').allTextContents();
    expect(figures.some((f) => f.includes('25万个'))).toBe(true);
    await expectAccessible(page);
  });
});

describe('documents in other formats', () => {
  it('uploads a PDF, opens a figure’s provenance with its page and line, and downloads the original', async () => {
    const page = await e2e.pageAs('analyst');
    await page.goto(`${e2e.url}/documents`);
    await page.locator('input[type=file]').setInputFiles({
      name: '合肥行动方案.pdf',
      mimeType: 'application/pdf',
      buffer: await policyPdf(),
    });
    const status = page.getByRole('status');
    await status.waitFor();
    expect(await status.textContent()).toMatch(/新增 \d+ 项/);
    await status.getByRole('link').click();
    await page.locator('a.fig').first().waitFor();
    expect(await page.locator('.page-mark').allTextContents()).toEqual(['第 1 页', '第 2 页']);
    await e2e.shot(page, 'document-pdf');
    await expectAccessible(page);

    const download = page.getByRole('link', { name: '下载原件' });
    const res = await page.request.get(new URL((await download.getAttribute('href')) as string, e2e.url).href);
    expect([res.status(), res.headers()['content-type']]).toEqual([200, 'application/pdf']);
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // The goals paragraph was broken across the page by the layout; its figure stands on page 1.
    await page.locator('a.fig', { hasText: '１５００亿元' }).first().click();
    await page.getByTestId('provenance').waitFor();
    const goalsLine = 4; // title, intro, heading, then the goals paragraph
    expect(await page.getByTestId('provenance').textContent()).toBe(`第1页 第${goalsLine}行`);
    expect(await page.locator('ol.source li.current').textContent()).toBe(POLICY.goals.paragraphs[0]);
    await e2e.shot(page, 'target-pdf-provenance');
    await expectAccessible(page);

    await page.goBack();
    // A 主要指标 row on page 2: each of its figures is quoted as its own cell, on the row's line.
    await page.locator('ol.source li', { hasText: '工业互联网平台（个）' }).locator('a.fig').first().click();
    await page.getByTestId('provenance').waitFor();
    expect(await page.getByTestId('provenance').textContent()).toMatch(/^第2页 第\d+行$/);
  }, 120_000);

  it('says in Chinese what to do with a scanned PDF, and stores nothing', async () => {
    const page = await e2e.pageAs('analyst');
    await page.goto(`${e2e.url}/documents`);
    const before = (await api<unknown[]>('/api/documents')).length;
    await page.locator('input[type=file]').setInputFiles({
      name: '扫描件.pdf',
      mimeType: 'application/pdf',
      buffer: scannedPdf(),
    });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('此PDF没有文字层（是扫描件），不支持OCR——请上传文字版PDF或Word版。');
    expect((await api<unknown[]>('/api/documents')).length).toBe(before);
  });
});

describe('an analyst', () => {
  it('adds an actual and sees progress and status change', async () => {
    const list = await api<TargetList>('/api/targets?kind=target&q=PFlops&pageSize=1');
    const target = list.items[0];
    expect(target?.status).not.toBe('achieved');
    if (!target) return;
    const page = await e2e.pageAs('analyst');
    await page.goto(`${e2e.url}/targets/${target.id}`);
    await page.getByRole('heading', { name: '录入实绩' }).waitFor();
    expect(await page.locator('mark.quote-mark').textContent()).toBe(target.quote);
    await page.getByLabel(/数值（单位/).fill(String(target.value));
    await page.getByLabel('截至日期').fill('2026-03-01');
    await page.getByLabel('备注 / 来源').fill('省工信厅季度通报');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await page.locator('h1 .status-badge', { hasText: '已达成' }).waitFor();
    const after = await api<{ target: { status: string; progress: number; latestActual: { value: number } } }>(
      `/api/targets/${target.id}`,
    );
    expect(after.target).toMatchObject({ status: 'achieved', progress: 100, latestActual: { value: target.value } });
    expect(await page.locator('table.data tbody tr').first().textContent()).toContain('省工信厅季度通报');
    await e2e.shot(page, 'target-detail-analyst');
    await expectAccessible(page);
  });

  it('rejects an extraction from the review queue with the keyboard', async () => {
    const docs = await api<{ id: number }[]>('/api/documents');
    const docId = docs[docs.length - 1]?.id;
    const page = await e2e.pageAs('analyst');
    await page.goto(`${e2e.url}/documents/${docId}`);
    const queue = page.getByRole('list', { name: /审核队列/ });
    // The queue lists whole records grouped by section (issue 14): its items are the figures.
    await queue.locator('li.queue-item').first().waitFor();
    const firstLink = await queue.locator('li.queue-item').first().getByRole('link').first().getAttribute('href');
    const id = Number(firstLink?.split('/').pop());
    const before = await queue.locator('li.queue-item').count();
    await queue.focus();
    await page.keyboard.press('r');
    await expect.poll(() => queue.locator('li.queue-item').count()).toBe(before - 1);
    const rejected = await api<{ target: { review: string } }>(`/api/targets/${id}`);
    expect(rejected.target.review).toBe('rejected');
    await e2e.shot(page, 'review-queue');
  });

  it('imports a CSV of actuals after a dry run that shows a bad row', async () => {
    const list = await api<TargetList>('/api/targets?kind=target&pageSize=2&sort=id');
    const [a, b] = list.items;
    if (!a || !b) throw new Error('need two targets');
    const page = await e2e.pageAs('analyst');
    await page.goto(`${e2e.url}/import`);
    const input = page.getByLabel('选择文件');
    await input.setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`targetId,value,asOf,note\n${a.id},12,2026-01-31,ok\n${b.id},abc,2026-01-31,bad value\n`),
    });
    await page.getByRole('button', { name: '检查（不写入）' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.locator('tbody tr').count()).toBe(1);
    expect(await alert.locator('tbody tr td').first().textContent()).toBe('3');
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await e2e.shot(page, 'import-errors');

    await input.setInputFiles({
      name: 'good.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`targetId,value,asOf,note\n${a.id},12,2026-01-31,ok\n${b.id},7,2026-01-31,ok\n`),
    });
    await page.getByRole('button', { name: '检查（不写入）' }).click();
    await page.getByRole('status').filter({ hasText: '检查通过' }).waitFor();
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByRole('status').filter({ hasText: '已导入 2 条实绩' }).waitFor();
    const history = await api<{ actuals: { value: number; asOf: string }[] }>(`/api/targets/${b.id}`);
    expect(history.actuals.some((x) => x.value === 7 && x.asOf === '2026-01-31')).toBe(true);
    await expectAccessible(page);
  });
});

describe('two analysts at once', () => {
  it('tells the second one that someone else changed the target first and loads the fresh record', async () => {
    const list = await api<TargetList>('/api/targets?kind=target&review=extracted&pageSize=1&sort=id&order=desc');
    const target = list.items[0];
    if (!target) throw new Error('need a target to review');
    const page = await e2e.pageAs('analyst');
    await page.goto(`${e2e.url}/targets/${target.id}`);
    await page.getByRole('heading', { name: '审核与更正' }).waitFor();
    // Meanwhile another analyst corrects the metric through the API.
    const other = await loginAs(e2e, 'analyst');
    const first = await other.send('PATCH', `/api/targets/${target.id}`, {
      version: target.version,
      reason: '统一口径',
      metric: '由另一位分析员更正',
    });
    expect(first.status).toBe(200);
    await page.getByLabel('原因（记入审计日志）').fill('核对原文');
    await page.getByRole('button', { name: '确认', exact: true }).click();
    const notice = page.locator('.notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('其他人已先修改');
    await expect.poll(() => page.getByLabel('指标', { exact: true }).inputValue()).toBe('由另一位分析员更正');
    const after = await api<{ target: { review: string; metric: string } }>(`/api/targets/${target.id}`);
    expect(after.target).toMatchObject({ review: 'corrected', metric: '由另一位分析员更正' });
    await e2e.shot(page, 'conflict');
  });
});

describe('a signed-in user', () => {
  it('changes their own password from the account page and signs in with the new one', async () => {
    const page = await e2e.pageAs('viewer');
    const who = page.locator('header a.who');
    const username = (await who.textContent())?.split(' · ')[0] ?? '';
    expect(username).toMatch(/^browser-viewer-/);
    await who.click();
    await page.getByRole('heading', { name: '修改密码' }).waitFor();
    const current = page.getByLabel('当前密码');
    const fresh = page.getByLabel('新密码', { exact: true });
    const again = page.getByLabel('再次输入新密码');
    const submit = page.getByRole('button', { name: '修改密码' });
    const NEW_PASSWORD = '换一个更长的新密码 2026';

    // The rules of the shared schema, checked before the server is asked.
    await current.fill('not my password');
    await fresh.fill('太短的密码');
    await again.fill('太短的密码');
    await submit.click();
    await page.getByText('新密码至少需要 10 个字符。').waitFor();
    expect(await fresh.getAttribute('aria-invalid')).toBe('true');

    // The server's refusal of a wrong current password, shown under that field.
    await fresh.fill(NEW_PASSWORD);
    await again.fill(NEW_PASSWORD);
    await submit.click();
    await page.getByText('当前密码不正确。').waitFor();
    expect(await current.getAttribute('aria-invalid')).toBe('true');
    await e2e.shot(page, 'account-wrong-password');
    await expectAccessible(page);

    await current.fill(E2E_PASSWORD);
    await submit.click();
    await page.getByRole('status').getByText('密码已修改').waitFor();
    expect(await current.inputValue()).toBe('');
    await e2e.shot(page, 'account');
    await expectAccessible(page);

    await page.getByRole('button', { name: '退出' }).click();
    const signIn = page.getByRole('button', { name: '登录' });
    await signIn.waitFor();
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(E2E_PASSWORD);
    await signIn.click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('密码').fill(NEW_PASSWORD);
    await signIn.click();
    await page.getByRole('navigation', { name: 'main' }).waitFor();
    expect(await page.locator('header a.who').textContent()).toContain(username);
  });
});

describe('an admin', () => {
  it('creates an analyst on the users page', async () => {
    const page = await e2e.pageAs('admin');
    await page.getByRole('link', { name: '用户管理' }).click();
    await page.getByRole('heading', { name: '新建用户' }).waitFor();
    await page.getByLabel('用户名').fill('new-analyst');
    await page.getByLabel('密码').fill('a long enough password');
    await page.getByLabel(/^角色/).selectOption('analyst');
    await page.getByRole('button', { name: '创建' }).click();
    await page.getByRole('cell', { name: 'new-analyst', exact: true }).waitFor();
    await e2e.shot(page, 'users');
    await expectAccessible(page);
  });

  it("resets a user's password in the user's row, refusing a short one in place", async () => {
    await createUser(e2e.db, null, { username: 'reset-me', password: 'a long enough password', role: 'viewer' });
    const page = await e2e.pageAs('admin');
    await page.getByRole('link', { name: '用户管理' }).click();
    const row = page.getByRole('row', { name: /reset-me/ });
    await row.getByRole('button', { name: '重置密码' }).click();
    const field = row.getByLabel('reset-me 的新密码');
    await field.fill('short');
    await row.getByRole('button', { name: '设为新密码' }).click();
    await expect.poll(() => row.getByRole('alert').textContent()).toContain('至少 10 位');
    await e2e.shot(page, 'users-reset');
    await field.fill('another long password');
    await row.getByRole('button', { name: '设为新密码' }).click();
    await page.getByRole('status').filter({ hasText: 'reset-me' }).waitFor();
    await expectAccessible(page);
    // The new password works; the old one no longer does.
    const signIn = (password: string) =>
      fetch(`${e2e.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'reset-me', password }),
      });
    expect((await signIn('a long enough password')).status).toBe(401);
    expect((await signIn('another long password')).status).toBe(200);
  });
});

describe('region and theme pages', () => {
  it('shows a province with its national comparisons and a theme across regions', async () => {
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/regions/430000`);
    await page.getByRole('heading', { name: '湖南省' }).waitFor();
    await page
      .getByRole('img', { name: '到期时间分布（按状态）' })
      .locator('path.recharts-rectangle')
      .first()
      .waitFor();
    await e2e.shot(page, 'region');
    await expectAccessible(page);
    await page.goto(`${e2e.url}/themes/data`);
    await page.getByRole('heading', { name: '数据要素' }).waitFor();
    await page.getByRole('img', { name: '各地区进度' }).locator('path.recharts-rectangle').first().waitFor();
    await e2e.shot(page, 'theme');
    await expectAccessible(page);
  });
});

describe('a viewer', () => {
  it('sees no edit controls anywhere', async () => {
    const list = await api<TargetList>('/api/targets?kind=target&pageSize=1');
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/targets/${list.items[0]?.id}`);
    await page.getByRole('heading', { name: '字段' }).waitFor();
    expect(await page.getByRole('heading', { name: '录入实绩' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '确认' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '导入实绩' }).count()).toBe(0);
    await page.goto(`${e2e.url}/documents`);
    await page.locator('table.data tbody tr').first().waitFor();
    expect(await page.getByRole('heading', { name: '上传文件' }).count()).toBe(0);
  });
});

describe('the audit log', () => {
  it("shows an analyst's rejection with who made it and each changed field old → new", async () => {
    const list = await api<TargetList>('/api/targets?kind=target&review=extracted&pageSize=1&sort=id');
    const target = list.items[0];
    if (!target) throw new Error('need an unreviewed target');
    const page = await e2e.pageAs('analyst');
    const username = (await page.locator('.topbar .who').textContent())?.split(' · ')[0];
    await page.goto(`${e2e.url}/targets/${target.id}`);
    await page.getByRole('heading', { name: '审核与更正' }).waitFor();
    await page.getByLabel('原因（记入审计日志）').fill('审计页测试：与原文不符');
    await page.getByRole('button', { name: '驳回' }).click();
    await expect
      .poll(async () => (await api<{ target: { review: string } }>(`/api/targets/${target.id}`)).target.review)
      .toBe('rejected');

    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '审计日志' }).click();
    await page.waitForURL(/\/audit$/);
    const rows = page.locator('table.audit > tbody > tr');
    const row = rows.filter({ hasText: '审计页测试：与原文不符' });
    await row.waitFor();
    // Newest first: nothing was recorded after the rejection.
    expect(await rows.first().textContent()).toContain('审计页测试：与原文不符');
    const cells = row.locator('> td');
    expect(await cells.nth(2).textContent()).toBe(username);
    expect(await cells.nth(3).textContent()).toContain('审核');
    expect(await row.getByRole('link', { name: `#${target.id}` }).getAttribute('href')).toBe(`/targets/${target.id}`);

    // The row opens from the keyboard onto the fields the rejection changed.
    await row.getByRole('button', { name: /^展开第 \d+ 条的变更$/ }).focus();
    await page.keyboard.press('Enter');
    const collapse = row.getByRole('button', { name: /^收起第 \d+ 条的变更$/ });
    expect(await collapse.getAttribute('aria-expanded')).toBe('true');
    const detail = page.locator(`#${await collapse.getAttribute('aria-controls')}`);
    const changes = detail.getByRole('table', { name: '改动的字段' });
    const change = async (field: string) =>
      (
        await changes
          // The field in words, then its stored key: "审核 review".
          .locator('tbody tr', { has: page.locator('th', { hasText: new RegExp(`(^|\\s)${field}$`) }) })
          .locator('td')
          .allTextContents()
      ).map((text) => text.replace(/\s/g, ' '));
    expect(await change('review')).toEqual(['待审核', '→ 已驳回']);
    expect(await changes.locator('th', { hasText: /review$/ }).textContent()).toBe('审核 review');
    expect(await change('updatedBy')).toEqual(['（空）', `→ ${username}`]);
    expect(await change('version')).toEqual([String(target.version), `→ ${target.version + 1}`]);
    expect(await change('metric')).toEqual([]);
    await e2e.shot(page, 'audit');
    await expectAccessible(page);
    await page.keyboard.press('Enter');
    expect(await detail.count()).toBe(0);

    // A user's name narrows the log to that user.
    await row.getByRole('link', { name: username }).click();
    await page.waitForURL(new RegExp(`[?&]user=${username}`));
    await expect
      .poll(async () => [...new Set(await rows.locator('> td:nth-child(3)').allTextContents())])
      .toEqual([username]);
  });

  it('filters by action through the URL and exports exactly the filtered entries as CSV', async () => {
    const analyst = await loginAs(e2e, 'analyst');
    const target = (await api<TargetList>('/api/targets?kind=target&pageSize=1&sort=id&order=desc')).items[0];
    const added = await analyst.send('POST', `/api/targets/${target?.id}/actuals`, { value: 1, asOf: '2026-02-28' });
    expect(added.status).toBe(201);
    const expected = (await analyst.get('/api/audit?action=actual.add&pageSize=500')).body as unknown as AuditPage;
    expect(expected.total).toBeGreaterThan(0);
    const page = await e2e.pageAs('analyst');
    await page.goto(`${e2e.url}/audit`);
    const rows = page.locator('table.audit > tbody > tr');
    await rows.first().waitFor();
    await page.getByLabel('操作').selectOption('actual.add');
    await page.waitForURL(/[?&]action=actual\.add/);
    await expect.poll(() => page.locator('.pager span').textContent()).toContain(`共 ${expected.total} 条`);
    expect(await rows.locator('> td:nth-child(4) .action').allTextContents()).toEqual(
      expected.items.map(() => '录入实绩'),
    );
    // A new actual has no before to compare with: the entry opens onto the record as it was stored.
    await rows.first().getByRole('button', { name: /^展开/ }).click();
    const stored = rows.nth(1).getByRole('heading', { name: '之后' }).locator('xpath=following-sibling::pre');
    expect(JSON.parse((await stored.textContent()) ?? '')).toMatchObject({ targetId: target?.id, value: 1 });
    // The filter is in the URL, not in the page's memory: it survives a reload.
    await page.reload();
    await rows.first().waitFor();
    expect(await page.getByLabel('操作').inputValue()).toBe('actual.add');
    await e2e.shot(page, 'audit-filtered');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('导出 CSV').click()]);
    expect(download.suggestedFilename()).toMatch(/^zhibiao-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = parse(readFileSync(await download.path()), { bom: true, columns: true }) as Record<string, string>[];
    expect(csv.map((r) => r.action)).toEqual(expected.items.map(() => 'actual.add'));
    // The export runs oldest first, the page newest first.
    expect(csv.map((r) => Number(r.id))).toEqual(expected.items.map((e) => e.id).reverse());

    // Dates are the reader's local days: nothing has happened from tomorrow on.
    const tomorrow = new Date(Date.now() + 86_400_000);
    const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
    await page.getByLabel('起始日期').fill(day);
    await page.waitForURL(new RegExp(`[?&]from=${day}`));
    await page.getByText('没有符合条件的数据。').waitFor();
    expect(new URL(page.url()).searchParams.get('action')).toBe('actual.add');
  });

  it("is not in a viewer's navigation, and a viewer who opens it is refused", async () => {
    const page = await e2e.pageAs('viewer');
    const nav = page.getByRole('navigation', { name: 'main' });
    await nav.getByRole('link', { name: '指标清单' }).waitFor();
    expect(await nav.getByRole('link', { name: '审计日志' }).count()).toBe(0);
    await page.goto(`${e2e.url}/audit`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('加载失败');
    expect(await page.locator('table.audit').count()).toBe(0);
    expect(await page.getByText('导出 CSV').count()).toBe(0);
  });
});
