import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../shared/schemas/summary';
import type { TargetList } from '../../shared/schemas/target';
import { type ApiClient, loginAs } from '../setup/auth';
import { type E2E, SCREENSHOTS, startE2E } from './harness';

let e2e: E2E;
let reader: ApiClient;
beforeAll(async () => {
  e2e = await startE2E();
  reader = await loginAs(e2e, 'viewer');
}, 180_000);
afterAll(async () => {
  await e2e?.close();
});

async function api<T>(path: string): Promise<T> {
  return (await reader.get(path)).body as T;
}

/** Each page's text, as pdfjs reads the PDF's text layer. */
async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: pdf, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(''));
  }
  await doc.destroy();
  return pages;
}

describe('the briefing', () => {
  it('prints the filtered targets to an A4 PDF, titled, dated, one section a page', async () => {
    // A province with several targets, so that the filter visibly narrows the national set.
    const national = await api<Summary>('/api/summary?kind=target');
    const province = [...national.byRegion].sort((a, b) => b.count - a.count)[0];
    if (!province) throw new Error('the seeds have no targets by region');
    const filter = `kind=target&region=${province.regionCode}`;
    const { total } = await api<TargetList>(`/api/targets?${filter}&pageSize=1`);
    expect(total).toBeGreaterThan(1);
    expect(total).toBeLessThan(national.total);

    const page = await e2e.pageAs('viewer');
    // Reached from the list, with the list's filters.
    await page.goto(`${e2e.url}/targets?${filter}`);
    await page.getByRole('link', { name: '简报' }).click();
    await page.waitForURL(/\/briefing\?/);
    expect(new URL(page.url()).searchParams.get('region')).toBe(province.regionCode);

    await page.getByRole('heading', { name: '指标简报' }).waitFor();
    await expect.poll(() => page.getByTestId('briefing-total').textContent()).toBe(String(total));
    await page.getByRole('heading', { name: `指标清单（${total} 项）` }).waitFor();
    await page.getByText(`筛选条件：地区 ${province.region}；类型 目标`).waitFor();
    // Three charts, drawn as SVG; let their bars finish growing before printing.
    await expect.poll(() => page.locator('svg.recharts-surface').count()).toBeGreaterThanOrEqual(3);
    await page.waitForTimeout(1500);
    await e2e.shot(page, 'briefing');
    // As printed: A4's printable width (210 mm less the 12 mm margins, at 96 dpi) in print media.
    await page.setViewportSize({ width: 703, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    await e2e.shot(page, 'briefing-print-media');
    await page.emulateMedia({ media: null });

    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync(join(SCREENSHOTS, 'briefing.pdf'), pdf);
    const pages = await pdfPages(new Uint8Array(pdf));
    // Headline, three charts, the list, due soon: a page each at least (the list may take more).
    expect(pages.length).toBeGreaterThanOrEqual(6);
    const all = pages.join('\n');
    expect(all).toContain('指标简报');
    expect(all).toContain(`指标清单（${total} 项）`);
    expect(all).toMatch(/\d{4}-\d{2}-\d{2}（北京时间）/);
    expect(pages[0]).toContain('概况');
    expect(pages[0]).toContain(String(total));
    expect(pages[0]).not.toContain('指标清单（');
    // The charts print as vector text (their titles and axis labels are in the text layer), each on its own page.
    expect(pages[1]).toContain('各主题进度');
    expect(pages[2]).toContain('各地区进度');
    // Nothing of the screen's chrome is printed.
    expect(all).not.toContain('打印 / 存为 PDF');
    expect(all).not.toContain('下载 PNG');
    await page.context().close();
  }, 120_000);

  it('is printed from the browser’s own Print button', async () => {
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/`);
    await page.getByRole('link', { name: '简报' }).click();
    await page.waitForURL(/\/briefing\?kind=target/);
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await page.getByRole('button', { name: '打印 / 存为 PDF' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.context().close();
  });
});

describe('exports and imports from the browser', () => {
  it('exports the filtered list as a workbook in the UI’s language', async () => {
    const page = await e2e.pageAs('viewer');
    await page.goto(`${e2e.url}/targets?region=350000&kind=target`);
    await page.locator('table.data tbody tr').first().waitFor();
    const { total } = await api<TargetList>('/api/targets?region=350000&kind=target&pageSize=1');
    const headers = async (): Promise<{ title: string; header: string[]; rows: number }> => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('a[href*="targets.xlsx"]').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^zhibiao-targets-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(await download.path());
      const ws = wb.worksheets[0];
      if (!ws) throw new Error('no sheet');
      return {
        title: String(ws.getCell('A1').value),
        header: (ws.getRow(4).values as unknown[]).slice(1).map(String),
        rows: ws.rowCount - 4,
      };
    };
    const zh = await headers();
    expect(zh.title).toBe(`指标清单 · 共 ${total} 项`);
    expect(zh.header.slice(0, 3)).toEqual(['编号', '地区', '地区代码']);
    expect(zh.rows).toBe(total);
    await page.getByRole('button', { name: 'English' }).click();
    const en = await headers();
    expect(en.header.slice(0, 3)).toEqual(['ID', 'Region', 'Region code']);
    await page.context().close();
  });

  it('refuses the list’s own export on the import page, and offers the template', async () => {
    const page = await e2e.pageAs('analyst');
    await page.goto(`${e2e.url}/targets?region=350000`);
    await page.locator('table.data tbody tr').first().waitFor();
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByText('导出 CSV').click()]);
    await page.goto(`${e2e.url}/import`);
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a[href*="template.xlsx"]').click(),
    ]);
    expect(template.suggestedFilename()).toMatch(/^zhibiao-import-template-.*\.xlsx$/);
    // The file button speaks the page's language, and names the chosen file.
    await expect.poll(() => page.getByTestId('import-file-name').textContent()).toBe('未选择文件');
    const chosen = await exported.path();
    await page.getByLabel('选择文件').setInputFiles(chosen);
    await expect.poll(() => page.getByTestId('import-file-name').textContent()).toBe(basename(chosen));
    await page.getByRole('button', { name: '检查（不写入）' }).click();
    await page.getByRole('alert').filter({ hasText: '这是一份指标导出文件' }).waitFor();
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await e2e.shot(page, 'import-refuses-export');
    await page.context().close();
  });
});
