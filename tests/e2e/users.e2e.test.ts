import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/services/users.service';
import type { User } from '../../shared/schemas/auth';
import { type ApiClient, loginAs } from '../setup/auth';
import { type E2E, startE2E } from './harness';

let e2e: E2E;
let admin: ApiClient;
beforeAll(async () => {
  e2e = await startE2E();
  admin = await loginAs(e2e, 'admin');
}, 180_000);
afterAll(async () => {
  await e2e?.close();
});

/** The stored user, read back through the API (what the page says must be what happened). */
async function stored(username: string): Promise<User | undefined> {
  const list = (await admin.get('/api/users')).body as unknown as User[];
  return list.find((u) => u.username === username);
}

describe('the users page', () => {
  it('says a new user was created, and shows each user as 启用 or 停用 with the action beside', async () => {
    const page = await e2e.pageAs('admin');
    await page.goto(`${e2e.url}/users`);
    await page.getByRole('heading', { name: '新建用户' }).waitFor();
    await page.getByLabel('用户名').fill('new-viewer');
    await page.getByLabel('密码').fill('a long enough password');
    await page.getByRole('button', { name: '创建' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('已创建用户 new-viewer（查看），可用所设密码登录。');
    expect(await stored('new-viewer')).toMatchObject({ role: 'viewer', disabled: false });

    const row = page.getByRole('row', { name: /new-viewer/ });
    expect(await row.locator('.user-state').textContent()).toBe('启用');
    await row.getByRole('button', { name: '改为停用 new-viewer' }).click();
    await expect.poll(() => row.locator('.user-state').textContent()).toBe('停用');
    expect(await page.getByRole('status').textContent()).toBe('new-viewer 现为“停用”。');
    expect((await stored('new-viewer'))?.disabled).toBe(true);
    await row.getByRole('button', { name: '改为启用 new-viewer' }).click();
    await expect.poll(() => row.locator('.user-state').textContent()).toBe('启用');
    expect((await stored('new-viewer'))?.disabled).toBe(false);
    await e2e.shot(page, 'users-status');
  });

  it('asks before changing a role, and changes nothing when the admin cancels', async () => {
    await createUser(e2e.db, null, { username: 'role-me', password: 'a long enough password', role: 'viewer' });
    const page = await e2e.pageAs('admin');
    await page.goto(`${e2e.url}/users`);
    const select = page.getByLabel('role-me 角色');
    await select.selectOption('admin');
    const ask = page.getByRole('alertdialog');
    await expect.poll(() => ask.textContent()).toContain('将 role-me 的角色由“查看”改为“管理员”？');
    await e2e.shot(page, 'users-confirm-role');
    // Nothing is stored before the confirmation.
    expect((await stored('role-me'))?.role).toBe('viewer');
    await ask.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => ask.count()).toBe(0);
    expect(await select.inputValue()).toBe('viewer');
    expect((await stored('role-me'))?.role).toBe('viewer');

    await select.selectOption('analyst');
    await ask.getByRole('button', { name: '确认修改' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('role-me 的角色已改为“分析员”。');
    expect((await stored('role-me'))?.role).toBe('analyst');
    expect(await select.inputValue()).toBe('analyst');
  });
});
