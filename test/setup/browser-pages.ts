import type { Locator, Page, Response } from 'playwright-core';

/** Whether `response` is the document a top-level navigation of `page` ended on (not a 3xx). */
function isFinalDocument(page: Page, response: Response): boolean {
  const status = response.status();
  return (
    response.request().isNavigationRequest() &&
    response.frame() === page.mainFrame() &&
    (status < 300 || status >= 400)
  );
}

/**
 * Clicks `button` (default: the form's submit button) and waits until the page shows the
 * document the submission ends on, after any redirects. The returned response is that
 * document's; `response.request().redirectedFrom()` walks back to the POST.
 */
export async function submitForm(page: Page, button?: Locator): Promise<Response> {
  const landed = page.waitForResponse((r) => isFinalDocument(page, r));
  await (button ?? page.locator('form button[type=submit]')).click();
  const response = await landed;
  await page.waitForLoadState('load');
  return response;
}

/** Types into the password login form, wherever the browser was sent to it from. */
export async function fillLoginForm(page: Page, username: string, password: string) {
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
}

/** Opens `/login` of `app`, types the credentials and submits; the document it lands on. */
export async function signIn(
  page: Page,
  app: { url(path: string): string },
  username: string,
  password: string,
): Promise<Response> {
  await page.goto(app.url('/login'));
  await fillLoginForm(page, username, password);
  return submitForm(page);
}

/** Waits until the page's URL starts with `prefix` (e.g. after a redirect); that URL. */
export async function waitForUrlPrefix(page: Page, prefix: string): Promise<URL> {
  await page.waitForURL((url) => url.href.startsWith(prefix), { waitUntil: 'commit' });
  return new URL(page.url());
}
