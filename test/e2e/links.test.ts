// A link Secretum cannot read in full is never changed in silence: it says, in
// French, what it did not understand and what it shows instead.
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';

describeInBrowser('Liens mal compris', () => {
  const app = useBrowserApp();

  it('names an answer it cannot read (no value, or neither oui nor non) and keeps the rest of the situation', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/evaluer?profession=tms&destinataire=saj&faits=professional_context:oui,inconnu,grave_imminent_danger:peutetre`);
    const notice = page.getByRole('alert').filter({ hasText: 'Secretum ne connaît pas' });
    await notice.waitFor();
    const text = (await notice.textContent())!;
    expect(text).toContain('« inconnu »');
    expect(text).toContain('« grave_imminent_danger:peutetre »');
    expect(text).toMatch(/ignorée?s? ; le reste de la situation est conservé/);
    expect(
      await page
        .getByRole('group', { name: /dans le cadre de votre profession/i })
        .getByRole('radio', { name: 'Oui' })
        .first()
        .isChecked(),
    ).toBe(true);
    await page.getByRole('button', { name: 'Retirer du lien' }).click();
    expect(new URL(page.url()).searchParams.get('faits')).toBe('professional_context:oui');
    expect(await notice.count()).toBe(0);
  });

  it('says that a Formation example is unknown, and which example is shown instead', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/formation?exemple=sit-99`);
    const select = page.getByRole('combobox', { name: 'Exemple de la brochure' });
    await select.waitFor();
    const notice = page.getByRole('alert').filter({ hasText: '« sit-99 »' });
    await notice.waitFor();
    const shown = await select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent?.trim() ?? '');
    expect(shown).not.toBe('');
    expect(await notice.textContent()).toContain(shown);
  });

  it('names the unknown node of an explorer link', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer?noeud=cp-999`);
    await page.getByRole('alert').filter({ hasText: '« cp-999 »' }).waitFor();
  });
  it('names an unknown profession of « À qui puis-je parler ? », offers to remove it and to choose one, and no « Réessayer » (not a server failure)', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/a-qui-parler?profession=inconnue`);
    const notice = page.getByRole('alert').filter({ hasText: 'Secretum ne connaît pas' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('une profession inconnue : « inconnue »');
    expect(await page.getByRole('button', { name: 'Réessayer' }).count()).toBe(0);
    await page.getByRole('combobox', { name: /Je suis \(profession\)/ }).waitFor();
    await page.getByRole('button', { name: 'Retirer du lien' }).click();
    expect(new URL(page.url()).searchParams.has('profession')).toBe(false);
    expect(await notice.count()).toBe(0);
  });
});
