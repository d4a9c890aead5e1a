import type { BrowserContext } from 'playwright-core';

/** Password of every demo account (README, "Demo accounts"). */
export const DEMO_PASSWORD = 'simpul-demo-2026';

/**
 * Signs a browser context in through the API (faster than the form): the session cookie lands
 * in the context, so its pages are signed in. The server wants the CSRF token of the session
 * request on the login call, as the web app sends it.
 */
export async function signInViaApi(context: BrowserContext, email: string): Promise<void> {
  const session = await context.request.get('/api/auth/session');
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const login = await context.request.post('/api/auth/login', {
    headers: { 'x-csrf-token': csrfToken },
    data: { email, password: DEMO_PASSWORD },
  });
  if (!login.ok()) throw new Error(`sign-in as ${email} failed: ${login.status()} ${await login.text()}`);
}
