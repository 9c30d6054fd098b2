import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axePath = createRequire(__filename).resolve('axe-core/axe.min.js');

/** WCAG 2.1 A and AA: the level public-sector and most accessibility laws ask for. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AuditFinding {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core's WCAG 2.1 A/AA rules on the document `page` shows; every violation, with the
 * elements it names (an empty list means the page passes).
 */
export async function accessibilityViolations(page: Page): Promise<AuditFinding[]> {
  await page.addScriptTag({ path: axePath });
  // Runs in the page, where `axe`, `document` and `window` exist (this project compiles without DOM types).
  const script = `(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} } });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  })()`;
  return page.evaluate<AuditFinding[]>(script);
}

/** Whether the document is wider than the viewport (a phone would have to scroll sideways). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth + 1');
}
