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
      return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight;
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

  it('shows a failed answer beside the questions, with « Réessayer »', async () => {
    const page = await app.newPage({ phone: true });
    await page.goto(`${app.url}/evaluer?cas=kind-inquietude&profession=assistant-social-cpas&destinataire=procureur-du-roi`);
    await page.getByRole('region', { name: 'Question suivante' }).waitFor();
    await page.route('**/api/assess', (route) => route.abort());
    await answerNext(page);
    const retry = page.getByRole('region', { name: 'Les questions' }).getByRole('button', { name: 'Réessayer' });
    await retry.waitFor();
    expect(await inViewport(page, retry)).toBe(true);
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
});
