import assert from 'node:assert/strict';
import { accessSync, constants } from 'node:fs';
import { describe, it } from 'node:test';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

/** The script that installs Debian's chromium (CI runs it; run it once on a dev machine). */
export const CHROMIUM_INSTALL_SCRIPT = 'test/browser/install-chromium.sh';

/** The bound of every wait in a browser test: launch, navigation, selector, event. */
export const BROWSER_TIMEOUT_MS = 20_000;

/** Rejects with `what` when `promise` has not settled within `ms` (a bound, not an assertion). */
export async function within<T>(promise: Promise<T>, what: string, ms = BROWSER_TIMEOUT_MS) {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Flags for a headless chromium in a container: no sandbox (root, no user namespaces), no GPU,
 * and nothing that talks to the network on its own (component updates, sync, QUIC probes).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  const configured = process.env.CHROMIUM_PATH;
  return configured && configured.length > 0 ? configured : '/usr/bin/chromium';
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

function missingChromium(path: string): string {
  return `no chromium at ${path}: run ${CHROMIUM_INSTALL_SCRIPT} (as root or with sudo), or set CHROMIUM_PATH`;
}

/**
 * `describe` for a browser suite. Without chromium on a developer's machine the suite is
 * skipped with the reason (so `npm test` passes without root); in CI (`CI` set) it is replaced
 * by one failing test naming the install script, so a CI that lacks the browser cannot pass.
 */
export function describeWithChromium(name: string, fn: () => void): void {
  const path = chromiumPath();
  if (isExecutable(path)) {
    void describe(name, fn);
  } else if (!onCi()) {
    void describe(name, { skip: missingChromium(path) }, fn);
  } else {
    void describe(name, () => {
      void it('should find chromium to run the browser tests in', () => {
        assert.fail(missingChromium(path));
      });
    });
  }
}

/** A headless chromium; every page gets its own fresh context. */
export interface TestBrowser {
  browser: Browser;
  /**
   * A page in a new context: no cookies or storage from other pages, English, and every wait
   * bounded by BROWSER_TIMEOUT_MS. `page.context()` reaches its cookies.
   */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Closes every context and the browser; playwright removes the temporary profile. */
  close(): Promise<void>;
}

/**
 * Launches chromium (CHROMIUM_PATH or /usr/bin/chromium) through playwright-core; never a
 * browser that playwright downloads. Throws naming the install script when it is missing.
 */
export async function launchTestBrowser(): Promise<TestBrowser> {
  const executablePath = chromiumPath();
  if (!isExecutable(executablePath)) throw new Error(missingChromium(executablePath));
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
    headless: true,
    chromiumSandbox: false,
    timeout: BROWSER_TIMEOUT_MS,
  });
  const contexts = new Set<BrowserContext>();
  let closed: Promise<void> | undefined;
  return {
    browser,
    newPage: async (options = {}) => {
      const context = await browser.newContext({ locale: 'en-US', ...options });
      contexts.add(context);
      context.on('close', () => contexts.delete(context));
      context.setDefaultTimeout(BROWSER_TIMEOUT_MS);
      context.setDefaultNavigationTimeout(BROWSER_TIMEOUT_MS);
      return context.newPage();
    },
    close: () => {
      closed ??= within(
        (async () => {
          for (const context of [...contexts]) await context.close();
          await browser.close();
        })(),
        'closing chromium',
      );
      return closed;
    },
  };
}
