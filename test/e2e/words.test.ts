// What the screen claims: a status only the sources establish, words rather
// than codes, recommendations apart from duties, sentences that read.
import { expect, it } from 'vitest';
import type { GraphNode } from '../../server/schema/graph.ts';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';

describeInBrowser('Des badges et des mots honnêtes', () => {
  const app = useBrowserApp();

  it('says « statut non vérifié », not « En vigueur », on a text whose status the sources do not establish, and « En vigueur » where they do', async () => {
    const page = await app.newPage();
    const detail = page.getByRole('complementary', { name: 'Détail du nœud sélectionné' });
    const decree = await app.api<GraphNode>('/api/nodes/decret-2004-art-3');
    await page.goto(`${app.url}/explorer?noeud=decret-2004-art-3&voisins=decret-2004-art-3`);
    await detail.getByRole('heading', { level: 2, name: decree.label }).waitFor();
    await detail.getByText('statut non vérifié', { exact: true }).waitFor();
    expect(await detail.getByText('En vigueur', { exact: true }).count()).toBe(0);

    const article = await app.api<GraphNode>('/api/nodes/cic-30');
    await page.goto(`${app.url}/explorer?noeud=cic-30&voisins=cic-30`);
    await detail.getByRole('heading', { level: 2, name: article.label }).waitFor();
    await detail.getByText('En vigueur', { exact: true }).first().waitFor();
    expect(await detail.getByText('statut non vérifié', { exact: true }).count()).toBe(0);
  });

  it('shows no internal code under « Relations entrantes » of art. 458', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer?noeud=cp-458&voisins=cp-458`);
    const detail = page.getByRole('complementary', { name: 'Détail du nœud sélectionné' });
    await detail.getByText(/Relations entrantes/).waitFor();
    await detail
      .getByText(/confident nécessaire/)
      .first()
      .waitFor();
    const text = await detail.textContent();
    for (const code of ['confident-necessaire', 'listed-458', 'specific-law', 'deontology']) expect(text).not.toContain(code);
  });

  it('lists « Préparer en équipe », a recommendation, apart from « Vous devez… » (summoned witness)', async () => {
    const page = await app.newPage();
    await page.goto(
      `${app.url}/evaluer?cas=kind-convocation-temoin&profession=psychologue&destinataire=juge-instruction&faits=sworn_testimony:oui,professional_context:oui`,
    );
    const recommended = page.getByRole('region', { name: 'La brochure recommande…' });
    await recommended.getByText(/Préparer en équipe/).waitFor();
    const duties = page.getByRole('region', { name: 'Vous devez…' });
    await duties.waitFor();
    expect(await duties.getByText(/Préparer en équipe/).count()).toBe(0);
  });

  it('writes « Effacer la réponse » for one answer and « informer : procureur du Roi » in a sentence', async () => {
    const page = await app.newPage();
    await page.goto(
      `${app.url}/evaluer?cas=kind-inquietude&profession=assistant-social-cpas&destinataire=procureur-du-roi&faits=professional_context:oui,offence_listed_458bis:oui,victim_minor_or_vulnerable:oui,grave_imminent_danger:oui,cannot_protect_alone:oui`,
    );
    const why = page.getByRole('region', { name: 'Pourquoi' });
    await why.getByText(/Vous pouvez informer : procureur du Roi/).waitFor();
    await page.goto(`${app.url}/evaluer?cas=kind-inquietude&profession=tms&faits=professional_context:oui`);
    await page.getByRole('button', { name: 'Effacer la réponse' }).waitFor();
  });
});
