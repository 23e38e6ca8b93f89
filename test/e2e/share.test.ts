import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';

describeInBrowser('Shared links', () => {
  const app = useBrowserApp();

  it('restores an assessment from a copied link: parties, answers, closed world and verdict', async () => {
    const { facts } = await app.api<{ facts: { id: string; question: string }[] }>('/api/facts');
    const question = facts.find((f) => f.id === 'offence_listed_458bis')!.question;
    const page = await app.newPage();
    await page.goto(`${app.url}/evaluer`);
    await page.getByRole('combobox', { name: 'Je suis (profession)' }).fill('psychiatre');
    await page
      .getByRole('option', { name: /Psychiatre/ })
      .first()
      .click();
    await page.getByRole('combobox', { name: 'Je voudrais parler à (destinataire)' }).fill('procureur du roi');
    await page
      .getByRole('option', { name: /Procureur du Roi/ })
      .first()
      .click();
    // The interview shows the next question; the others wait under « Ensuite ».
    await page.getByRole('region', { name: 'Question suivante' }).waitFor();
    const asked = page.getByRole('group', { name: question });
    if (!(await asked.isVisible())) await page.getByText(/^Ensuite :/).click();
    await asked.getByRole('radio', { name: 'Oui' }).check();
    await page.getByRole('checkbox', { name: 'Compter les questions sans réponse comme « Non »' }).check();
    const verdict = page.getByRole('region', { name: 'Verdict' });
    await expect.poll(() => new URL(page.url()).searchParams.get('monde-clos')).toBe('oui');
    // The closed-world answer arrives after the URL changes: read the verdict once no answer is on its way.
    await expect.poll(() => verdict.getAttribute('aria-busy'), { timeout: 60_000 }).toBe('false');
    await verdict.getByRole('strong').waitFor();
    const shown = await verdict.getByRole('strong').textContent();
    const link = page.url();

    const copy = await app.newPage();
    await copy.goto(link);
    const copyVerdict = copy.getByRole('region', { name: 'Verdict' });
    await copyVerdict.getByText(shown!, { exact: true }).waitFor({ timeout: 60_000 });
    for (const name of ['Je suis (profession)', 'Je voudrais parler à (destinataire)']) {
      expect(await copy.getByRole('combobox', { name }).inputValue()).toBe(await page.getByRole('combobox', { name }).inputValue());
    }
    expect(await copy.getByRole('checkbox', { name: 'Compter les questions sans réponse comme « Non »' }).isChecked()).toBe(true);
    const answered = copy.getByRole('group', { name: question });
    expect(await answered.getByRole('radio', { name: 'Oui' }).isChecked()).toBe(true);
  });

  it('restores the explorer’s selected node and the formation’s step from their links', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer?noeud=cic-29&voisins=cic-29`);
    const label = (await app.api<{ label: string }>('/api/nodes/cic-29')).label;
    await page.getByRole('complementary', { name: 'Détail du nœud sélectionné' }).getByRole('heading', { level: 2, name: label }).waitFor();
    expect(await page.getByRole('link', { name: 'Explorer' }).getAttribute('aria-current')).toBe('page');

    await page.goto(`${app.url}/formation?exemple=sit-04-psychiatre-madame-l&reponse=oui&etape=3`);
    await page
      .getByRole('region', { name: /Le chemin/ })
      .getByText(/^Étape 3 sur \d+$/)
      .waitFor();
    expect(await page.getByRole('link', { name: 'Formation' }).getAttribute('aria-current')).toBe('page');
  });
});
