// Refreshes the screenshots in docs/ at desk (1440×900), projector (1280×720)
// and phone (390×844) sizes. Not a check: run it on purpose with
// UPDATE_SCREENSHOTS=1 after a visible change, then look at the images.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { it } from 'vitest';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';

const DOCS = resolve(import.meta.dirname, '../../docs');
const describeScreens = process.env.UPDATE_SCREENSHOTS === '1' ? describeInBrowser : describeInBrowser.skip;

const SIZES = [
  { suffix: '', width: 1440, height: 900 },
  { suffix: '-projecteur', width: 1280, height: 720 },
  { suffix: '-telephone', width: 390, height: 844 },
];

const SCREENS: { name: string; path: string; ready?: (page: Page) => Promise<unknown> }[] = [
  { name: 'explorer', path: '/explorer?noeud=cp-458bis&voisins=cp-458bis' },
  { name: 'explorer-vue-d-ensemble', path: '/explorer?vue=ensemble' },
  {
    name: 'evaluer-exemple-8',
    path: '/evaluer?profession=tms&destinataire=saj&faits=child_maltreatment_situation:oui,professional_context:oui',
    ready: (page) => page.getByRole('region', { name: 'Verdict' }).getByText('Permis', { exact: true }).waitFor(),
  },
  {
    name: 'evaluer-entretien',
    path: '/evaluer?profession=assistant-social-cpas&destinataire=procureur-du-roi&faits=professional_context:oui,offence_listed_458bis:oui',
    ready: (page) => page.getByRole('region', { name: 'Question suivante' }).waitFor(),
  },
  {
    name: 'evaluer-tous-destinataires',
    path: '/evaluer?profession=tms&faits=professional_context:oui,child_maltreatment_situation:oui',
    ready: (page) => page.getByRole('region', { name: 'Vous pouvez informer' }).waitFor(),
  },
  { name: 'a-qui-parler', path: '/a-qui-parler?profession=tms' },
  { name: 'a-qui-parler-enseignant', path: '/a-qui-parler?profession=enseignant' },
  {
    name: 'formation',
    path: '/formation?exemple=sit-08-tms-saj&reponse=oui&etape=4',
    ready: (page) => page.getByRole('region', { name: /Le chemin/ }).waitFor(),
  },
  {
    name: 'formation-exemple-5',
    path: '/formation?exemple=sit-05-cpas-propos-terrorisme&reponse=non&etape=3',
    ready: (page) => page.getByRole('region', { name: /Le chemin/ }).waitFor(),
  },
  {
    name: 'explorer-ce-qui-en-depend',
    path: '/explorer?noeud=cp-458bis&voisins=cp-458bis',
    ready: async (page) => {
      const section = page.getByRole('region', { name: 'Ce qui en dépend' });
      await section.getByRole('button', { name: 'Voir ce qui en dépend' }).click();
      await section.getByRole('button', { name: 'Mettre en évidence sur le graphe' }).click({ timeout: 30_000 });
      await section.getByText(/^Par profession/).click();
      await section.scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'explorer-et-si',
    path: '/explorer?noeud=cp-458bis&voisins=cp-458bis&si=abroger:cp-458bis',
    // On a phone the tables are folded under their summaries.
    ready: (page) => page.getByText(/^Voies changées \(\d+\)$/).waitFor({ timeout: 30_000 }),
  },
  {
    name: 'formation-sans-cet-article',
    path: '/formation?exemple=sit-04-psychiatre-madame-l&reponse=oui',
    ready: async (page) => {
      const section = page.getByRole('region', { name: 'Et sans cet article ?' });
      await section.getByRole('button', { name: 'Rejouer' }).click();
      await section
        .getByRole('status')
        .filter({ hasText: /^Sans / })
        .waitFor({ timeout: 30_000 });
      await section.scrollIntoViewIfNeeded();
    },
  },
];

async function settle(page: Page): Promise<void> {
  // Force layouts animate for a few hundred milliseconds; fonts and the fit follow.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500);
}

describeScreens('Screenshots for docs/', () => {
  const app = useBrowserApp();

  for (const screen of SCREENS) {
    for (const size of SIZES) {
      it(`${screen.name} at ${size.width}×${size.height}`, async () => {
        const page = await app.newPage();
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.goto(app.url + screen.path);
        await screen.ready?.(page);
        await settle(page);
        await page.screenshot({ path: resolve(DOCS, `${screen.name}${size.suffix}.png`), fullPage: size.width < 720 });
      });
    }
  }
});
