// On a phone (390×844, touch): what an answer changes is said where she reads,
// a failure beside what failed, answers a finger can hit, and « À qui » cards
// that each name their recipient and show their route when asked.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';

describeInBrowser('Sur un téléphone', () => {
  const app = useBrowserApp();

  const inViewport = (page: Page, locator: ReturnType<Page['getByRole']>) =>
    locator.evaluate((el) => {
      const box = el.getBoundingClientRect();
      // Scrolled to the top of the screen, a title may sit a fraction of a pixel above it.
      return box.height > 0 && box.top >= -1 && box.bottom <= innerHeight + 1;
    });

  async function answerNext(page: Page) {
    const question = page.getByRole('region', { name: 'Question suivante' }).getByRole('group').first();
    const oui = question.getByRole('radio', { name: 'Oui' });
    await oui.scrollIntoViewIfNeeded();
    await oui.tap();
    return question;
  }

  it('says the new verdict beside the questions after an answer, with a link to it, and answers are at least 44 px high', async () => {
    const page = await app.newPage({ phone: true });
    await page.goto(`${app.url}/evaluer?cas=kind-inquietude&profession=assistant-social-cpas&destinataire=procureur-du-roi`);
    const question = page.getByRole('region', { name: 'Question suivante' }).getByRole('group').first();
    await question.waitFor();
    for (const name of ['Oui', 'Non', 'Je ne sais pas']) {
      const box = (await question.getByText(name, { exact: true }).evaluate((el) => el.closest('label')!.getBoundingClientRect().toJSON())) as DOMRect;
      expect(box.height, name).toBeGreaterThanOrEqual(44);
    }
    await answerNext(page);
    const link = page.getByRole('link', { name: 'Voir la réponse' });
    await link.waitFor();
    expect(await inViewport(page, link)).toBe(true);
    const verdict = await page.getByRole('region', { name: 'Verdict' }).getByRole('strong').first().textContent();
    expect(await page.getByRole('status').filter({ has: link }).textContent()).toContain(verdict!.trim());
    await link.tap();
    await expect.poll(() => inViewport(page, page.getByRole('region', { name: 'Verdict' }).getByRole('heading', { name: 'Verdict' }))).toBe(true);
  });

  it('says in the notice beside the questions what the verdict card says: « Permis — peut-être obligatoire », and on which route', async () => {
    const page = await app.newPage({ phone: true });
    const facts = 'offence_listed_458bis:oui,victim_minor_or_vulnerable:oui,grave_imminent_danger:oui,cannot_protect_alone:oui';
    await page.goto(`${app.url}/evaluer?cas=kind-inquietude&profession=assistant-social-cpas&destinataire=procureur-du-roi&faits=${facts}`);
    // « Oui » to the next question leaves the terrorism question open: « permis, peut-être obligatoire » still.
    await answerNext(page);
    const link = page.getByRole('link', { name: 'Voir la réponse' });
    await link.waitFor();
    const notice = (await page.getByRole('status').filter({ has: link }).textContent())!.replace(/\s+/g, ' ');
    expect(notice).toMatch(/Réponse : Permis — peut-être obligatoire si [^.]*infraction terroriste[^.]*\(Art\. 46bis\/1 Code d’instruction criminelle\)/);
  });

  it('shows a failed answer beside the questions, with « Réessayer »', async () => {
    const page = await app.newPage({ phone: true });
    await page.goto(`${app.url}/evaluer?cas=kind-inquietude&profession=assistant-social-cpas&destinataire=procureur-du-roi`);
    await page.getByRole('region', { name: 'Question suivante' }).waitFor();
    await page.route('**/api/assess', (route) => route.abort());
    await answerNext(page);
    const retry = page.getByRole('region', { name: 'Les questions' }).getByRole('button', { name: 'Réessayer' });
    await retry.waitFor();
    expect(await inViewport(page, retry)).toBe(true);
    expect((await retry.boundingBox())!.height, '« Réessayer » for a finger').toBeGreaterThanOrEqual(44);
  });

  it('names the recipient on every card of « À qui », keeps the page short, and « Voir » shows the route on the graph', async () => {
    const page = await app.newPage({ phone: true });
    await page.goto(`${app.url}/a-qui-parler?profession=medecin`);
    const table = page.getByRole('table', { name: /Voies par lesquelles « Médecin »/ });
    await table.waitFor();
    const headers = await table.getByRole('rowheader').allTextContents();
    expect(headers.length).toBeGreaterThan(5);
    expect(headers.filter((h) => !h.trim())).toEqual([]);
    // Conditions and duties fold on a card: the page was ~10,000 px long.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(6500);
    const voir = table.getByRole('button', { name: /^Voir/ }).nth(2);
    await voir.tap();
    const graph = page.getByRole('img', { name: /Destinataires et voies/ });
    await graph.waitFor();
    await expect.poll(() => inViewport(page, page.getByRole('toolbar', { name: /Outils du graphe/ }))).toBe(true);
  });

  it('brings the detail of an article tapped in the explorer’s path list into view, and moves the focus there', async () => {
    const page = await app.newPage({ phone: true });
    await page.goto(`${app.url}/explorer?noeud=cp-458&voisins=cp-458&de=tms&vers=saj`);
    await page.getByRole('heading', { name: /chemins? de .* à /i }).waitFor();
    const article = page.getByRole('button', { name: /^Art\. 57 décret du 4 mars 1991/ }).first();
    const label = (await article.textContent())!.trim();
    await article.scrollIntoViewIfNeeded();
    await article.tap();
    await expect.poll(() => new URL(page.url()).searchParams.get('noeud')).not.toBe('cp-458');
    const detail = page.getByRole('complementary', { name: 'Détail du nœud sélectionné' });
    const heading = detail.getByRole('heading', { level: 2, name: label });
    await heading.waitFor();
    await expect.poll(() => inViewport(page, heading), { message: 'the detail’s title on screen' }).toBe(true);
    expect(await detail.evaluate((el) => el.contains(document.activeElement)), 'the focus in the detail').toBe(true);
  });

  it('gives every kind and recipient label, « Changer de situation », the folds, the suggestions and Formation’s controls 44 px for a finger', async () => {
    const page = await app.newPage({ phone: true });
    const heights = (locator: ReturnType<Page['locator']>) =>
      locator.evaluateAll((els) =>
        els.filter((el) => el.checkVisibility()).map((el) => [el.textContent!.trim().slice(0, 40), el.getBoundingClientRect().height] as const),
      );
    const small = (found: (readonly [string, number])[]) => found.filter(([, h]) => h < 44);
    const checked: string[] = [];
    async function expectFingerSized(locator: ReturnType<Page['locator']>, what: string) {
      // The page renders them once its data is there: on a busy machine, after goto() returns.
      await locator.first().waitFor();
      const found = await heights(locator);
      expect(found.length, `${what}: found on the page`).toBeGreaterThan(0);
      expect(small(found), what).toEqual([]);
      checked.push(what);
    }

    await page.goto(`${app.url}/evaluer`);
    await expectFingerSized(page.getByRole('group', { name: 'De quoi s’agit-il ?' }).locator('label'), 'kinds');

    await page.goto(`${app.url}/evaluer?cas=kind-inquietude&profession=assistant-social-cpas`);
    await expectFingerSized(page.getByRole('group', { name: 'À qui voudriez-vous parler ?' }).locator('label'), 'recipients');
    await expectFingerSized(page.getByRole('button', { name: 'Changer de situation' }), 'Changer de situation');
    await page.getByRole('combobox', { name: 'Je suis (profession)' }).tap();
    await expectFingerSized(page.getByRole('listbox', { name: 'Suggestions : Je suis (profession)' }).getByRole('option'), 'profession suggestions');

    await page.goto(`${app.url}/evaluer?cas=kind-inquietude&profession=assistant-social-cpas&destinataire=procureur-du-roi&faits=offence_listed_458bis:oui`);
    await page.getByRole('region', { name: 'Question suivante' }).waitFor();
    await expectFingerSized(page.locator('summary').filter({ hasText: /^(Ensuite :|Vos réponses)/ }), 'folds of the questions');

    await page.goto(`${app.url}/formation`);
    await expectFingerSized(page.getByRole('combobox', { name: 'Exemple de la brochure' }), 'example select');
    await expectFingerSized(page.getByRole('button', { name: /^Exemple (précédent|suivant)$/ }), 'previous and next example');
    expect(checked).toHaveLength(7);
  });
});
