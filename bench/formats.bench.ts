import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { closePrinter, longPlanHtml, printPdf } from '../tests/setup/documents';

export interface FormatsBench {
  pages: number;
  bytes: number;
  lines: number;
  figures: number;
  seconds: number;
  peakRssGrowthMB: number;
}

const child = fileURLToPath(new URL('./formats.child.ts', import.meta.url));

async function pageCount(pdf: Buffer): Promise<number> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const n = doc.numPages;
  await doc.destroy();
  return n;
}

function ingestInChild(file: string): Omit<FormatsBench, 'pages' | 'peakRssGrowthMB'> & { peakGrowth: number } {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', child, file], { encoding: 'utf8' });
  return JSON.parse(out);
}

/**
 * A PDF of about `pages` pages (sections of prose with figures and a 主要指标 table each) printed by Chromium,
 * ingested in a fresh process: parse + extract + store, with its peak RSS growth.
 */
export async function benchPdfIngest(pages = 100): Promise<FormatsBench> {
  const dir = mkdtempSync(join(tmpdir(), 'zhibiao-pdf-bench-'));
  try {
    // About two sections fit on an A4 page at the print style's 15pt.
    let sections = pages * 2;
    let pdf = await printPdf(longPlanHtml(sections), { header: '某省人民政府办公厅', pageNumber: 'dash' });
    const printed = await pageCount(pdf);
    if (Math.abs(printed - pages) > 2) {
      sections = Math.round((sections * pages) / printed);
      pdf = await printPdf(longPlanHtml(sections), { header: '某省人民政府办公厅', pageNumber: 'dash' });
    }
    await closePrinter();
    const file = join(dir, 'plan-100-pages.pdf');
    writeFileSync(file, pdf);
    const r = ingestInChild(file);
    return { ...r, pages: await pageCount(pdf), peakRssGrowthMB: r.peakGrowth / 1048576 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
