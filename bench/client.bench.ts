import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import type { BenchServer } from './api.bench';
import { BENCH_PASSWORD, benchUser } from './data';

export interface BundleBench {
  dir: string;
  files: { file: string; bytes: number; gzipBytes: number }[];
  initialBytes: number;
  initialGzipBytes: number;
}

/**
 * Builds the client as `npm start` does and measures what a first visit must download before React runs:
 * the entry script of index.html and every module it preloads (Vite lists the entry's static imports as
 * <link rel="modulepreload">). Lazily loaded page chunks are not counted.
 */
export async function benchBundle(): Promise<BundleBench> {
  const dir = join(mkdtempSync(join(tmpdir(), 'zhibiao-bench-client-')), 'client');
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    build: { outDir: dir, emptyOutDir: true },
    logLevel: 'error',
  });
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)) if (m[1]) srcs.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) if (m[1]) srcs.add(m[1]);
  const files = [...srcs].map((src) => {
    const buf = readFileSync(join(dir, src.replace(/^\//, '')));
    return { file: src, bytes: buf.length, gzipBytes: gzipSync(buf, { level: 9 }).length };
  });
  return {
    dir,
    files,
    initialBytes: files.reduce((n, f) => n + f.bytes, 0),
    initialGzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
  };
}

export interface OverviewBench {
  /** Each load: ms from navigation start to the headline KPI numbers drawn (the page's own clock). */
  loads: number[];
  first: number;
  median: number;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Time to data on the overview: a viewer signs in through the form, then the overview is opened `runs`
 * times in a fresh page; each time is measured from navigation start to the KPI numbers showing, read from
 * the page's own `performance.now()` so that the browser's launch does not count.
 */
export async function benchOverview(srv: BenchServer, runs = 5): Promise<OverviewBench | null> {
  if (!existsSync(CHROMIUM)) return null;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${srv.url}/`);
    await page.getByLabel('用户名').fill(benchUser('viewer', 3));
    await page.getByLabel('密码').fill(BENCH_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation', { name: 'main' }).waitFor({ timeout: 30_000 });
    await page.close();
    const loads: number[] = [];
    const until = performance.now() + 120_000;
    for (let i = 0; i < runs && performance.now() < until; i++) {
      const p = await context.newPage();
      await p.goto(`${srv.url}/`, { waitUntil: 'commit' });
      // The check runs in the page on every frame and returns the page's clock the first time it holds.
      const drawn = await p.waitForFunction(
        () => {
          const v = document.querySelector('.kpis .kpi-value');
          return v !== null && /\d/.test(v.textContent ?? '') ? performance.now() : false;
        },
        undefined,
        { timeout: 30_000, polling: 'raf' },
      );
      loads.push(Number(await drawn.jsonValue()));
      await p.close();
    }
    const sorted = [...loads].sort((a, b) => a - b);
    return {
      loads: loads.map((ms) => Math.round(ms)),
      first: Math.round(loads[0] ?? Number.NaN),
      median: Math.round(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN),
    };
  } finally {
    await browser.close();
  }
}
