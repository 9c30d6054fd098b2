import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { startPageCatalogue, type PageCatalogue } from '../setup/page-catalogue';
import { describeWithChromium, launchTestBrowser, type TestBrowser } from '../setup/test-browser';

interface PostForm {
  action: string;
  fields: [string, string][];
}

/** Every POST form of the document, as the browser would submit it. */
const FORMS_SCRIPT = `[...document.forms]
  .filter((f) => (f.getAttribute('method') || '').toLowerCase() === 'post')
  .map((f) => ({ action: new URL(f.getAttribute('action') || '', document.baseURI).href, fields: [...new FormData(f)].filter(([, v]) => typeof v === 'string') }))`;

describeWithChromium('browser: every POST form is protected by the CSRF token', () => {
  let browser: TestBrowser;
  let catalogue: PageCatalogue;
  before(async () => {
    browser = await launchTestBrowser();
    catalogue = await startPageCatalogue();
  });
  after(async () => {
    await catalogue?.app.close();
    await browser?.close();
  });

  it('should refuse each form of each page without its token and with a forged one (403), with the cookie sent', async () => {
    const { app, pages } = catalogue;
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const viewer of ['anonymous', 'user', 'admin'] as const) {
      const mine = pages.filter((p) => p.viewer === viewer && p.status < 400);
      if (mine.length === 0) continue;
      const page = await catalogue.pageAs(browser, viewer);
      for (const { path, reach } of mine) {
        await page.goto(app.url(path));
        await reach?.(page);
        const forms = await page.evaluate<PostForm[]>(FORMS_SCRIPT);
        for (const form of forms) {
          const key = `${viewer} ${new URL(form.action).pathname}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const token = form.fields.find(([name]) => name === 'csrf');
          if (!token) {
            problems.push(
              `${path} (${viewer}): the form posting to ${form.action} has no csrf field`,
            );
            continue;
          }
          const others = Object.fromEntries(form.fields.filter(([name]) => name !== 'csrf'));
          const forged = `${token[1].slice(0, -4)}AAAA`;
          for (const [label, csrf] of [
            ['without', undefined],
            ['with a forged', forged],
          ] as const) {
            const res = await page.context().request.post(form.action, {
              form: csrf === undefined ? others : { ...others, csrf },
              maxRedirects: 0,
            });
            if (res.status() !== 403) {
              problems.push(
                `${path} (${viewer}): ${form.action} ${label} token answered ${res.status()}`,
              );
            }
          }
        }
      }
      await page.context().close();
    }
    assert.ok(seen.size >= 5, `found ${seen.size} forms`);
    assert.deepEqual(problems, []);
  });
});
