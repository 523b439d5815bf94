import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { createApp } from '../../server/app';
import { type Db, openDatabase } from '../../server/db/client';
import { logger } from '../../server/lib/logger';
import { loadSeedsOnce } from '../../server/services/seeds.service';
import { createUser } from '../../server/services/users.service';
import type { Role } from '../../shared/schemas/auth';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots', import.meta.url));

export const E2E_PASSWORD = 'e2e password 12345';

export interface E2E {
  url: string;
  /** Opens a page signed in through the login form as a new user of the role. */
  pageAs: (role: Role, opts?: { width?: number; height?: number }) => Promise<Page>;
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
      `Chromium not found at ${CHROMIUM}: npm test installs it first (scripts/ensure-browser.mjs, as root with apt-get), or run apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH`,
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
  const server = createApp({ db, today: () => today, clientDir, logger: logger.child({}, { level: 'warn' }) }).listen(
    0,
  );
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
  let users = 0;
  const page = async ({ width = 1280, height = 900 } = {}) => {
    const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, locale: 'zh-CN' });
    const p = await context.newPage();
    p.on('pageerror', (e) => console.error('page error:', e.message));
    return p;
  };
  return {
    url,
    db,
    browser,
    page,
    pageAs: async (role, opts) => {
      const username = `browser-${role}-${++users}`;
      await createUser(db, null, { username, password: E2E_PASSWORD, role });
      const p = await page(opts);
      await p.goto(`${url}/`);
      await p.getByLabel('用户名').fill(username);
      await p.getByLabel('密码').fill(E2E_PASSWORD);
      await p.getByRole('button', { name: '登录' }).click();
      await p.getByRole('navigation', { name: 'main' }).waitFor();
      return p;
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
