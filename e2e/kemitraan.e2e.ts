import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousAxeViolations } from './support/browser.ts';
import { signInViaApi } from './support/session.ts';
import { type OpenedPage, pagesPerTest, startedForFile } from './support/suite.ts';

// Issue 8, party confirmation in the browser: an organisation editor names another organisation
// as a party; the page shows it as awaiting confirmation without offering the editor the answer;
// the coordinator of its area confirms it with one click.

const EDITOR = 'editor.ypas@simpul.demo';
const LOTIM_COORDINATOR = 'koordinator.lotim@simpul.demo';
const INVITED = 'Yayasan Filantropi Rinjani';

const pages = pagesPerTest(startedForFile());

async function signedInPage(email: string): Promise<OpenedPage> {
  const opened = await pages.open();
  await signInViaApi(opened.context, email);
  return opened;
}

async function organisationId(context: BrowserContext, name: string): Promise<string> {
  const response = await context.request.get(`/api/organisations?q=${encodeURIComponent(name)}`);
  const items = ((await response.json()) as { items: { id: string; legalName: string }[] }).items;
  const match = items.find((o) => o.legalName === name);
  if (!match) throw new Error(`demo organisation ${name} not found`);
  return match.id;
}

describe('Kemitraan: party confirmation', () => {
  it('shows an invited party as awaiting confirmation; its area coordinator confirms it', async () => {
    const editor = await signedInPage(EDITOR);
    const { csrfToken } = (await (await editor.context.request.get('/api/auth/session')).json()) as {
      csrfToken: string;
    };
    const title = `MoU Gizi Keruak ${Date.now().toString(36)}`;
    const created = await editor.context.request.post('/api/partnerships', {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        title,
        agreementType: 'mou',
        status: 'active',
        startsOn: '2025-01-01',
        parties: [
          { organisationId: await organisationId(editor.context, 'Yayasan Peduli Anak Sasak'), role: 'lead' },
          { organisationId: await organisationId(editor.context, INVITED), role: 'funder' },
        ],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const id = ((await created.json()) as { id: string }).id;

    await editor.page.goto(`/kemitraan/${id}`);
    const parties = editor.page.getByRole('region', { name: 'Para pihak' });
    await parties.getByText('Menunggu konfirmasi').waitFor();
    // The editor named it, but does not answer for it.
    expect(
      await editor.page.getByRole('button', { name: `Konfirmasi keikutsertaan ${INVITED}` }).count(),
    ).toBe(0);

    const coordinator = await signedInPage(LOTIM_COORDINATOR);
    await coordinator.page.goto(`/kemitraan/${id}`);
    const theirParties = coordinator.page.getByRole('region', { name: 'Para pihak' });
    await theirParties.getByText('Menunggu konfirmasi').waitFor();
    const serious = await seriousAxeViolations(coordinator.page);
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
    await coordinator.page.getByRole('button', { name: `Konfirmasi keikutsertaan ${INVITED}` }).click();
    await theirParties.getByText('Menunggu konfirmasi').waitFor({ state: 'detached' });
    expect(
      await coordinator.page.getByRole('button', { name: `Konfirmasi keikutsertaan ${INVITED}` }).count(),
    ).toBe(0);
  });
});
