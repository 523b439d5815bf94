import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { createApp } from '../../server/app';
import { type Db, openDatabase } from '../../server/db/client';
import { loadSeedsOnce } from '../../server/services/seeds.service';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots', import.meta.url));

export interface E2E {
  url: string;
  db: Db;
  browser: Browser;
  page: (opts?: { width?: number; height?: number }) => Promise<Page>;
  shot: (page: Page, name: string) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * The real product for a browser: the client built by Vite, the real server on a temporary SQLite
 * file with the seed texts ingested, and Debian's Chromium driven by playwright-core.
 */
export async function startE2E(today = '2026-03-15'): Promise<E2E> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install chromium (the CI script does), or set CHROMIUM_PATH`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'zhibiao-e2e-'));
  const clientDir = join(dir, 'client');
  await build({
    configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
    build: { outDir: clientDir, emptyOutDir: true },
    logLevel: 'error',
  });
  const db = openDatabase(join(dir, 'e2e.db'));
  loadSeedsOnce(db, today);
  const server = createApp({ db, today: () => today, clientDir }).listen(0);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.keepAliveTimeout = 60_000;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url,
    db,
    browser,
    page: async ({ width = 1280, height = 900 } = {}) => {
      const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, locale: 'zh-CN' });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error('page error:', e.message));
      return page;
    },
    shot: async (page, name) => {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    close: async () => {
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
