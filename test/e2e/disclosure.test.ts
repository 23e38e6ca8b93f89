import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';

describeInBrowser('À qui puis-je parler ?', () => {
  const app = useBrowserApp();

  it('groups a doctor’s routes by must / may / under conditions / not without more facts, then by recipient', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/a-qui-parler?profession=medecin`);
    const table = page.getByRole('table', { name: /Voies par lesquelles « Médecin »/ });
    await table.waitFor();
    const groups = await table.getByRole('rowgroup').evaluateAll((bodies) => bodies.map((b) => b.getAttribute('aria-label')).filter(Boolean));
    const order = ['Vous devez informer', 'Vous pouvez informer', 'Vous pouvez informer, sous conditions', 'Selon d’autres faits'];
    expect(groups.length).toBeGreaterThan(1);
    expect(groups).toEqual(order.filter((g) => groups.includes(g)));
    // The mandant's obligation needs the mandate established: not first any more.
    const mandant = table.getByRole('rowgroup', { name: 'Selon d’autres faits' }).getByRole('rowheader', { name: /Autorité mandante/ });
    expect(await mandant.count()).toBe(1);
  });

  it('says beside a doctor’s duties under art. 29 and 30 CIC, in the brochure’s words, that these articles provide no penal sanction', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/a-qui-parler?profession=medecin`);
    const must = page.getByRole('rowgroup', { name: 'Vous devez informer' });
    const row = must.getByRole('row').filter({ hasText: 'Art. 30 Code d’instruction criminelle' }).first();
    await row.waitFor();
    const caveat = (await row.getByRole('note').textContent())!.replace(/\s+/g, ' ');
    expect(caveat).toMatch(/aucune sanction pénale/);
    const quoted = /« ([^»]+) »/.exec(caveat)?.[1].trim();
    const brochure = resolve(import.meta.dirname, '../../../shared/seed/brochure-secret-professionnel.txt');
    if (existsSync(brochure)) expect(readFileSync(brochure, 'utf8').replace(/\s+/g, ' ')).toContain(quoted);
    // Every such duty of the group carries it: none is shown bare.
    const rows = must.getByRole('row').filter({ hasText: /Art\. (29|30) Code d’instruction criminelle/ });
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.filter({ hasNot: page.getByRole('note') }).count()).toBe(0);
  });

  it('shows that the routes are on their way while the server is slow (aria-busy and a polite status)', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/a-qui-parler`);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/disclosure**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${app.url}/a-qui-parler?profession=medecin`);
    const waiting = page.getByRole('status').filter({ hasText: /Recherche des voies/ });
    await waiting.waitFor();
    expect(await page.locator('[aria-busy="true"]').filter({ has: waiting }).count()).toBe(1);
    release();
    await page.getByRole('table', { name: /Voies par lesquelles « Médecin »/ }).waitFor();
    await waiting.waitFor({ state: 'detached' });
  });

  it('says first that the secret does not bind a teacher, and what still does (art. 422bis, art. 30)', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/a-qui-parler?profession=enseignant`);
    const notice = page.getByRole('region', { name: 'Le secret professionnel ne vous lie pas' });
    await notice
      .getByText(/422bis/)
      .first()
      .waitFor();
    await notice
      .getByText(/art\. 30/i)
      .first()
      .waitFor();
    const [noticeBox, tableBox] = await Promise.all([notice.boundingBox(), page.getByRole('table').boundingBox()]);
    expect(noticeBox!.y).toBeLessThan(tableBox!.y);
  });

  it('offers « Réessayer » beside the error when the server does not answer, and shows the table once it answers again', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/a-qui-parler`);
    const box = page.getByRole('combobox', { name: 'Je suis (profession)' });
    await box.waitFor();
    await page.route('**/api/**', (route) => route.abort());
    await box.fill('médecin');
    await page
      .getByRole('option', { name: /^Médecin/ })
      .first()
      .click();
    const alert = page.getByRole('alert').filter({ hasText: /serveur/i });
    await alert.waitFor();
    const retry = page.getByRole('button', { name: 'Réessayer' });
    await retry.waitFor();
    // Beside the message: on screen with it.
    const [a, b] = [(await alert.boundingBox())!, (await retry.boundingBox())!];
    expect(Math.abs(b.y - a.y), 'Réessayer near the message').toBeLessThan(120);
    await page.unroute('**/api/**');
    await retry.click();
    await page.getByRole('table', { name: /Voies par lesquelles « Médecin »/ }).waitFor();
    expect(await alert.count()).toBe(0);
  });
});
