import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { CompatSessionEntity } from '../../src/storage/compat/compat-session.entity';
import { PolicyDataRepository } from '../../src/storage/policy/policy-data.repository';
import { UserEntity } from '../../src/storage/users/user.entity';
import { UserAccounts } from '../../src/users/user-accounts.service';
import { TokenRows } from '../factories/token-rows.factory';
import { signIn, submitForm } from '../setup/browser-pages';
import { createBrowserTestApp, type BrowserTestApp } from '../setup/browser-test-app';
import { describeWithChromium, launchTestBrowser, type TestBrowser } from '../setup/test-browser';

/** The visible text of the page's main content. */
function mainText(page: Page): Promise<string> {
  return page.locator('main').innerText();
}

describeWithChromium('browser: admin pages', () => {
  let browser: TestBrowser;
  let app: BrowserTestApp;
  let ds: DataSource;
  let bobId: string;
  before(async () => {
    browser = await launchTestBrowser();
    app = await createBrowserTestApp();
    ds = app.running.app.get(DataSource);
    const accounts = app.running.app.get(UserAccounts);
    await accounts.register({ username: 'root', password: 'root password', admin: true });
    bobId = (await accounts.register({ username: 'bob', password: 'old bob password' })).id;
    await accounts.register({ username: 'carol', password: 'carol password' });
    const bob = await ds.getRepository(UserEntity).findOneByOrFail({ id: bobId });
    await new TokenRows(ds).compat({ user: bob, deviceId: 'BOBPHONE' });
  });
  after(async () => {
    await app?.close();
    await browser?.close();
  });

  it('should let an admin search, lock, unlock, set a password and end a session of a user', async () => {
    const page = await browser.newPage();
    assert.equal((await signIn(page, app, 'root', 'root password')).status(), 200);
    await page.goto(app.url('/account'));
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.waitForURL(app.url('/account/admin'));
    assert.equal(await page.locator('h1').innerText(), 'Users');

    await page.getByLabel('Username contains').fill('bo');
    await page.getByLabel('State').selectOption('active');
    const results = await submitForm(page, page.getByRole('button', { name: 'Search' }));
    assert.equal(results.status(), 200);
    assert.match(await mainText(page), /1 user found\./);
    assert.doesNotMatch(await mainText(page), /carol/);
    await page.getByRole('link', { name: 'bob', exact: true }).click();
    await page.waitForURL(app.url(`/account/admin/users/${bobId}`));
    assert.match(await mainText(page), /@bob:example\.test/);

    await submitForm(page, page.getByRole('button', { name: 'Lock', exact: true }));
    assert.match(await page.getByRole('status').innerText(), /The user is locked/);
    assert.equal(await page.locator('#user-state').innerText(), 'Locked');
    await submitForm(page, page.getByRole('button', { name: 'Unlock' }));
    assert.match(await page.getByRole('status').innerText(), /The user is unlocked/);
    assert.equal(await page.locator('#user-state').innerText(), 'Active');

    await page.getByLabel('New password', { exact: true }).fill('password1');
    await page.getByLabel('Repeat the new password').fill('password1');
    const weak = await submitForm(page, page.getByRole('button', { name: 'Set password' }));
    assert.equal(weak.status(), 400);
    assert.match(await page.getByRole('alert').innerText(), /too easy to guess/);
    await page.getByLabel('New password', { exact: true }).fill('password1');
    await page.getByLabel('Repeat the new password').fill('password1');
    await page.getByLabel('Skip the strength check').check();
    await submitForm(page, page.getByRole('button', { name: 'Set password' }));
    assert.match(await page.getByRole('status').innerText(), /The new password is set/);

    assert.match(await mainText(page), /BOBPHONE/);
    await submitForm(page, page.getByRole('button', { name: 'End session BOBPHONE' }));
    assert.match(await page.getByRole('status').innerText(), /The session is ended/);
    assert.doesNotMatch(await mainText(page), /BOBPHONE/);
    const compat = await ds.getRepository(CompatSessionEntity).findOneByOrFail({ userId: bobId });
    assert.notEqual(compat.finishedAt, null);

    const bobPage = await browser.newPage();
    assert.equal((await signIn(bobPage, app, 'bob', 'password1')).status(), 200);
    await bobPage.goto(app.url('/account/admin'));
    assert.equal(await bobPage.locator('h1').innerText(), 'Administrators only');
  });

  it('should let an admin issue a registration token and edit the policy data', async () => {
    const page = await browser.newPage();
    await signIn(page, app, 'root', 'root password');
    await page.goto(app.url('/account/admin'));
    await page.getByRole('link', { name: 'Registration tokens' }).click();
    await page.waitForURL(app.url('/account/admin/registration-tokens'));
    await page.getByLabel('Token (optional)').fill('friends-2030');
    await page.getByLabel('Usage limit (optional)').fill('5');
    await page.getByLabel('Expires at, UTC (optional)').fill('2099-06-30T18:00');
    await submitForm(page, page.getByRole('button', { name: 'Issue token' }));
    assert.match(await page.getByRole('status').innerText(), /Token issued: friends-2030/);
    assert.match(await mainText(page), /0 of 5/);
    assert.match(await mainText(page), /Expires 2099-06-30 18:00 UTC/);
    await submitForm(page, page.getByRole('button', { name: 'Revoke friends-2030' }));
    assert.match(await page.getByRole('status').innerText(), /The token is revoked/);

    await page.getByRole('link', { name: 'Policy data' }).click();
    await page.waitForURL(app.url('/account/admin/policy-data'));
    const data = page.getByLabel('Dynamic policy data (JSON object)');
    await data.fill('{"requester": ');
    const bad = await submitForm(page, page.getByRole('button', { name: 'Check and save' }));
    assert.equal(bad.status(), 400);
    assert.match(await page.getByRole('alert').innerText(), /This is not valid JSON/);
    assert.equal(await data.inputValue(), '{"requester": ');
    await data.fill('{"requester": {"banned_user_agents": {"substrings": ["EvilBot"]}}}');
    const saved = await submitForm(page, page.getByRole('button', { name: 'Check and save' }));
    assert.equal(saved.status(), 200);
    assert.match(await page.getByRole('status').innerText(), /saved and in force/);
    assert.match(await data.inputValue(), /EvilBot/);
    const row = await app.running.app.get(PolicyDataRepository).findNewest();
    assert.deepEqual(row?.data, { requester: { banned_user_agents: { substrings: ['EvilBot'] } } });
  });
});
