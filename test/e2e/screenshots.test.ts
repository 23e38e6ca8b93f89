// Refreshes the screenshots in docs/ (1440×900). Not a check: run it on purpose
// with UPDATE_SCREENSHOTS=1 after a visible change, then look at the images.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { it } from 'vitest';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';

const DOCS = resolve(import.meta.dirname, '../../docs');
const describeScreens = process.env.UPDATE_SCREENSHOTS === '1' ? describeInBrowser : describeInBrowser.skip;

async function settle(page: Page): Promise<void> {
  // Force layouts animate for a few hundred milliseconds; fonts and the fit follow.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500);
}

describeScreens('Screenshots for docs/', () => {
  const app = useBrowserApp();

  it('explorer: art. 458bis and its neighbours', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer?noeud=cp-458bis&voisins=cp-458bis`);
    await settle(page);
    await page.screenshot({ path: resolve(DOCS, 'explorer.png') });
  });

  it('assessment of worked example 8', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/evaluer?profession=tms&destinataire=saj&faits=child_maltreatment_situation:oui,professional_context:oui`);
    await page.getByRole('region', { name: 'Verdict' }).getByText('Permis', { exact: true }).waitFor();
    await settle(page);
    await page.screenshot({ path: resolve(DOCS, 'evaluer-exemple-8.png') });
  });

  it('disclosure map of the TMS', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/a-qui-parler?profession=tms`);
    await settle(page);
    await page.screenshot({ path: resolve(DOCS, 'a-qui-parler.png') });
  });

  it('formation: example 8 answered, third step of the path', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/formation?exemple=sit-08-tms-saj&reponse=oui&etape=4`);
    await page.getByRole('region', { name: /Le chemin/ }).waitFor();
    await settle(page);
    await page.screenshot({ path: resolve(DOCS, 'formation.png') });
  });
});
