import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { accessibilityViolations, overflowsHorizontally } from '../setup/page-audit';
import { startPageCatalogue, type PageCatalogue } from '../setup/page-catalogue';
import { describeWithChromium, launchTestBrowser, type TestBrowser } from '../setup/test-browser';

/** Screens and colour schemes every page must work in. */
const DISPLAYS = [
  { name: 'desktop, light', viewport: { width: 1280, height: 800 }, colorScheme: 'light' },
  { name: 'phone, dark', viewport: { width: 360, height: 740 }, colorScheme: 'dark' },
] as const;

describeWithChromium('browser: every page is accessible (WCAG 2.1 AA) and fits a phone', () => {
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

  for (const display of DISPLAYS) {
    it(`should pass axe and not scroll sideways on every page (${display.name})`, async () => {
      const { app, pages } = catalogue;
      const problems: string[] = [];
      for (const viewer of ['anonymous', 'user', 'admin'] as const) {
        const mine = pages.filter((p) => p.viewer === viewer);
        if (mine.length === 0) continue;
        const page = await catalogue.pageAs(browser, viewer, {
          viewport: display.viewport,
          colorScheme: display.colorScheme,
        });
        for (const { path, status, reach } of mine) {
          const response = await page.goto(app.url(path));
          assert.equal(response?.status(), status, `${path} as ${viewer}`);
          await reach?.(page);
          for (const v of await accessibilityViolations(page)) {
            problems.push(
              `${path} (${viewer}): ${v.rule} [${v.impact}] ${v.help} at ${v.targets.join(', ')}`,
            );
          }
          if (await overflowsHorizontally(page))
            problems.push(`${path} (${viewer}): wider than the screen`);
        }
        await page.context().close();
      }
      assert.deepEqual(problems, []);
    });
  }
});
