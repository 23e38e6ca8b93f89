// The first visit: a page that asks what the person wants to do, and Évaluer
// that starts with « De quoi s'agit-il ? » before any verdict.
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';
import { axeFindings } from './support/readability.ts';

describeInBrowser('Première visite', () => {
  const app = useBrowserApp();

  it('asks first what the person wants to do, and Évaluer leads to « De quoi s’agit-il ? » before any verdict', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/`);
    const home = page.getByRole('region', { name: 'Que voulez-vous faire ?' });
    await home.waitFor();
    for (const name of [/de quoi s’agit-il/i, /explorateur/i, /formation/i]) expect(await home.getByRole('link', { name }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /Graphe des dispositions/ }).count()).toBe(0);
    expect(await axeFindings(page)).toEqual([]);

    await home.getByRole('link', { name: /de quoi s’agit-il/i }).click();
    expect(new URL(page.url()).pathname).toBe('/evaluer');
    await page.getByRole('group', { name: 'De quoi s’agit-il ?' }).waitFor();
    expect(await page.getByRole('region', { name: 'Verdict' }).count()).toBe(0);
    await page.goBack();
    await page.getByRole('heading', { name: 'Que voulez-vous faire ?' }).waitFor();
  });

  it('keeps the links of every mode working: /explorer opens the explorer', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer`);
    await page.getByRole('img', { name: /Graphe des dispositions/ }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('link', { name: 'Explorer' }).getAttribute('aria-current')).toBe('page');
  });
});
