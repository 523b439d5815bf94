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
  /** Median wall time of parse + extract + store over the runs. */
  seconds: number;
  /** Median CPU time (user + system) of the same: what a busy machine cannot stretch. */
  cpuSeconds: number;
  /** Medians of the phases: reading the PDF, the engine's extraction, storing (transaction and statuses). */
  parse: number;
  extract: number;
  store: number;
  /** Medians of the phases' CPU time. */
  cpu: { parse: number; extract: number; store: number };
  runs: number;
  /** The largest peak RSS growth of the runs. */
  peakRssGrowthMB: number;
}

interface ChildRun {
  seconds: number;
  cpuSeconds: number;
  parse: number;
  extract: number;
  store: number;
  cpu: { parse: number; extract: number; store: number };
  bytes: number;
  figures: number;
  lines: number;
  peakGrowth: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const child = fileURLToPath(new URL('./formats.child.ts', import.meta.url));

async function pageCount(pdf: Buffer): Promise<number> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const n = doc.numPages;
  await doc.destroy();
  return n;
}

function ingestInChild(file: string): ChildRun {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', child, file], { encoding: 'utf8' });
  return JSON.parse(out);
}

/**
 * A PDF of about `pages` pages (sections of prose with figures and a 主要指标 table each) printed by Chromium,
 * ingested `runs` times, each in a fresh process: parse + extract + store, with medians and the peak RSS growth.
 */
export async function benchPdfIngest(pages = 100, runs = 3): Promise<FormatsBench> {
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
    const all = Array.from({ length: runs }, () => ingestInChild(file));
    const first = all[0] as ChildRun;
    const med = (k: 'seconds' | 'cpuSeconds' | 'parse' | 'extract' | 'store') => median(all.map((r) => r[k]));
    return {
      pages: await pageCount(pdf),
      bytes: first.bytes,
      lines: first.lines,
      figures: first.figures,
      seconds: med('seconds'),
      cpuSeconds: med('cpuSeconds'),
      parse: med('parse'),
      extract: med('extract'),
      store: med('store'),
      cpu: {
        parse: median(all.map((r) => r.cpu.parse)),
        extract: median(all.map((r) => r.cpu.extract)),
        store: median(all.map((r) => r.cpu.store)),
      },
      runs,
      peakRssGrowthMB: Math.max(...all.map((r) => r.peakGrowth)) / 1048576,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
