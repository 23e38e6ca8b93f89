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
});
