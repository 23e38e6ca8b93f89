import { expect, it } from 'vitest';
import type { Assessment } from '../../server/schema/api.ts';
import type { GraphNode } from '../../server/schema/graph.ts';
import { describeInBrowser, highlightedIds, useBrowserApp } from './support/harness.ts';
import { axeFindings } from './support/readability.ts';

describeInBrowser('Évaluer une situation', () => {
  const app = useBrowserApp();

  it('answers worked example 8 (TMS → SAJ, maltreatment: Oui) with "Permis" and highlights its open route', async () => {
    const [tms, saj] = await Promise.all(['tms', 'saj'].map((id) => app.api<GraphNode>(`/api/nodes/${id}`)));
    const expected = await app.api<Assessment>('/api/assess', { profession: 'tms', recipient: 'saj', facts: { child_maltreatment_situation: true } });
    const page = await app.newPage();
    await page.goto(`${app.url}/evaluer`);

    await page.getByRole('combobox', { name: 'Je suis (profession)' }).fill('médico-social');
    await page.getByRole('option', { name: new RegExp(tms.label.replace(/[()]/g, '\\$&')) }).click();
    await page.getByRole('combobox', { name: 'Je voudrais parler à (destinataire)' }).fill('aide a la jeunesse');
    await page.getByRole('option', { name: new RegExp(saj.label.replace(/[()]/g, '\\$&')) }).click();
    // The interview shows the next question; the others wait under « Ensuite ».
    await page.getByRole('region', { name: 'Question suivante' }).waitFor();
    const maltreatment = page.getByRole('group', { name: /situation de maltraitance d’enfant/ });
    if (!(await maltreatment.isVisible())) await page.getByText(/^Ensuite :/).click();
    await maltreatment.getByRole('radio', { name: 'Oui' }).check();

    const verdict = page.getByRole('region', { name: 'Verdict' });
    await verdict.getByText('Permis', { exact: true }).waitFor();

    const open = expected.routes.filter((r) => r.status === 'open');
    expect(open.map((r) => r.exception.id)).toContain('exc-decret-2004-art-3');
    const wanted = [...new Set(open.flatMap((r) => [...r.elements.nodes, ...r.elements.edges.map((e) => e.id)]))].sort();
    await expect.poll(() => highlightedIds(page, /Voies de la situation/)).toEqual(wanted);

    await page.getByText(/Le graphe en texte/).click();
    const list = page.getByRole('list', { name: 'Éléments mis en évidence' });
    const items = await list.getByRole('listitem').allTextContents();
    for (const label of [tms.label, saj.label, open[0].exception.label]) expect(items.some((t) => t.startsWith(label))).toBe(true);
    expect(new URL(page.url()).searchParams.get('faits')).toBe('child_maltreatment_situation:oui');

    // What if: the answer changes, the verdict follows at once.
    await maltreatment.getByRole('radio', { name: 'Non' }).check();
    await verdict.getByText('Permis', { exact: true }).waitFor({ state: 'detached' });
    expect(app.pageErrors).toEqual([]);
  });

  it('opens the detail of a node clicked on the graph beside it, without leaving the mode', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/evaluer?profession=tms&destinataire=saj&faits=child_maltreatment_situation:oui,professional_context:oui`);
    const graph = page.getByRole('img', { name: /Voies de la situation/ });
    await expect.poll(() => graph.getAttribute('aria-busy')).toBe('false');
    await expect.poll(async () => Number(/(\d+) nœuds/.exec((await graph.getAttribute('aria-label')) ?? '')?.[1] ?? 0)).toBeGreaterThan(0);
    // A node drawn inside the canvas, and where it is on the page.
    const target = await graph.evaluate((element) => {
      const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
      const box = element.getBoundingClientRect();
      const inside = cy
        .nodes(':visible')
        .not('.folded')
        .filter((n: import('cytoscape').NodeSingular) => {
          const { x, y } = n.renderedPosition();
          return x > 20 && y > 20 && x < box.width - 20 && y < box.height - 20;
        });
      const node = inside.first() as import('cytoscape').NodeSingular;
      const { x, y } = node.renderedPosition();
      return { id: node.id(), label: node.data('label') as string, x: box.left + x, y: box.top + y };
    });
    await page.mouse.click(target.x, target.y);
    const detail = page.getByRole('complementary', { name: 'Détail du nœud sélectionné' });
    await detail.getByRole('heading', { level: 2, name: target.label }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/evaluer');
    await detail.getByRole('button', { name: 'Fermer le détail' }).click();
    expect(await detail.count()).toBe(0);
  });

  for (const size of [
    { name: 'desk', width: 1440, height: 900 },
    { name: 'phone', width: 390, height: 844 },
  ])
    it(`keeps the previous verdict readable when the server fails: marked outdated by its border and a label, never by fading it (${size.name})`, async () => {
      const page = await app.newPage();
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`${app.url}/evaluer?cas=kind-inquietude&profession=assistant-social-cpas&destinataire=procureur-du-roi`);
      const verdict = page.getByRole('region', { name: 'Verdict' });
      await verdict.waitFor();
      await page.route('**/api/assess', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"Erreur interne"}' }));
      await page.getByRole('region', { name: 'Question suivante' }).getByRole('radio').first().click();
      await verdict.getByText(/^Réponse précédente/).waitFor();
      await expect.poll(() => verdict.getAttribute('aria-busy')).toBe('false');
      expect(await verdict.evaluate((element) => getComputedStyle(element).borderTopStyle)).toBe('dashed');
      expect(await axeFindings(page)).toEqual([]);
    });
});
