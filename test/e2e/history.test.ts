// Back undoes one step in every mode, and the explorer's path is in the link.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';

describeInBrowser('Retour : une étape à la fois', () => {
  const app = useBrowserApp();
  const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

  it('steps back through Formation’s steps and examples, and a shared link’s first Back stays in the app', async () => {
    const page = await app.newPage();
    await page.goto('about:blank');
    await page.goto(`${app.url}/formation?exemple=sit-04-psychiatre-madame-l&reponse=oui&etape=3`);
    const stepper = page.getByRole('region', { name: /Le chemin/ });
    await stepper.getByText(/^Étape 3 sur \d+$/).waitFor();
    await stepper.getByRole('button', { name: 'Suivant →' }).click();
    await expect.poll(() => param(page, 'etape')).toBe('4');
    await page.getByRole('button', { name: 'Exemple suivant' }).click();
    await expect.poll(() => param(page, 'exemple')).not.toBe('sit-04-psychiatre-madame-l');
    await page.goBack();
    expect(param(page, 'exemple')).toBe('sit-04-psychiatre-madame-l');
    await stepper.getByText(/^Étape 4 sur \d+$/).waitFor();
    await page.goBack();
    await stepper.getByText(/^Étape 3 sur \d+$/).waitFor();
    expect(new URL(page.url()).origin).toBe(app.url);
  });

  it('undoes a change of profession in « À qui puis-je parler ? » with one Back', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/a-qui-parler?profession=tms`);
    await page.getByRole('table').waitFor();
    const box = page.getByRole('combobox', { name: 'Je suis (profession)' });
    const before = await box.inputValue();
    await box.fill('médecin');
    await page
      .getByRole('option', { name: /^Médecin/ })
      .first()
      .click();
    await expect.poll(() => param(page, 'profession')).toBe('medecin');
    await page.goBack();
    expect(param(page, 'profession')).toBe('tms');
    await expect.poll(() => box.inputValue()).toBe(before);
    await page.getByRole('table', { name: new RegExp(`« ${before.replace(/[()]/g, '\\$&')} »`) }).waitFor();
  });

  it('keeps the explorer’s path (from, to) in the link: restored on reload, undone by Back', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer`);
    await page.getByText('Chemin de … à …').click();
    await page.getByRole('combobox', { name: 'Chemin de' }).fill('médico-social');
    await page
      .getByRole('option', { name: /Travailleur\(se\) médico-social/ })
      .first()
      .click();
    await page.getByRole('combobox', { name: 'à', exact: true }).fill('SAJ');
    await page
      .getByRole('option', { name: /^Service de l’aide à la jeunesse \(SAJ\)/ })
      .first()
      .click();
    const before = page.url();
    await page.getByRole('button', { name: 'Trouver les chemins' }).click();
    const found = page.getByRole('heading', { name: /chemins? de .* à /i });
    await found.waitFor();
    expect(param(page, 'de')).toBe('tms');
    expect(param(page, 'vers')).toBe('saj');
    const heading = await found.textContent();

    await page.reload();
    await page.getByRole('heading', { name: heading!.trim() }).waitFor();
    await page.goBack();
    expect(page.url()).toBe(before);
    await expect.poll(() => page.getByRole('heading', { name: heading!.trim() }).count()).toBe(0);
  });

  it('keeps a shared link’s first Back in the app, one step back, when it is opened in a fresh page', async () => {
    const page = await app.newPage();
    const link = `${app.url}/evaluer?cas=kind-inquietude&profession=assistant-social-cpas&destinataire=procureur-du-roi&faits=offence_listed_458bis:oui,victim_minor_or_vulnerable:oui`;
    await page.goto(link);
    await expect.poll(() => page.getByRole('region', { name: 'Verdict' }).getAttribute('aria-busy')).toBe('false');
    await page.goBack();
    expect(new URL(page.url()).origin, 'Évaluer: Back stays in Secretum').toBe(app.url);
    expect(new URL(page.url()).pathname).toBe('/evaluer');
    // One step back: the last answer undone, the others kept.
    expect(param(page, 'faits')).toBe('offence_listed_458bis:oui');
    expect(param(page, 'destinataire')).toBe('procureur-du-roi');
    await page.getByRole('combobox', { name: 'Je suis (profession)' }).waitFor();
    // Forward returns to the link as shared.
    await page.goForward();
    expect(page.url()).toBe(link);

    const formation = await app.newPage();
    await formation.goto(`${app.url}/formation?exemple=sit-08-tms-saj&reponse=oui&etape=3`);
    const stepper = formation.getByRole('region', { name: /Le chemin/ });
    await stepper.getByText(/^Étape 3 sur \d+$/).waitFor();
    await formation.goBack();
    expect(new URL(formation.url()).origin, 'Formation: Back stays in Secretum').toBe(app.url);
    expect(param(formation, 'exemple')).toBe('sit-08-tms-saj');
    await stepper.getByText(/^Étape 2 sur \d+$/).waitFor();
    // A reload of the link does not add another entry.
    await formation.goForward();
    await formation.reload();
    await stepper.getByText(/^Étape 3 sur \d+$/).waitFor();
    await formation.goBack();
    await stepper.getByText(/^Étape 2 sur \d+$/).waitFor();
    expect(param(formation, 'etape')).toBe('2');
  });
});
