import { expect, it } from 'vitest';
import type { GraphNode } from '../../server/schema/graph.ts';
import { describeInBrowser, highlightedIds, useBrowserApp } from './support/harness.ts';

describeInBrowser('Explorer', () => {
  const app = useBrowserApp();

  it('opens a node chosen from the search suggestions with the keyboard, and details its label, status and a citation', async () => {
    const target = await app.api<GraphNode>('/api/nodes/cp-458bis');
    const around = await app.api<{ nodes: GraphNode[]; edges: { type: string; source: string; target: string }[] }>('/api/nodes/cp-458bis/neighbourhood');
    const replacement = around.edges.find((e) => e.type === 'REPLACED_BY' && e.source === 'cp-458bis');
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer`);

    const search = page.getByRole('combobox', { name: 'Rechercher dans le graphe' });
    await search.fill('458 bis');
    const suggestions = page.getByRole('listbox', { name: /Suggestions/ });
    await suggestions.getByRole('option', { name: new RegExp(target.label) }).waitFor();
    const labels = await suggestions.getByRole('option').allTextContents();
    const index = labels.findIndex((text) => text.startsWith(target.label));
    for (let i = 0; i < index; i++) await search.press('ArrowDown');
    await search.press('Enter');

    const detail = page.getByRole('complementary', { name: 'Détail du nœud sélectionné' });
    await detail.getByRole('heading', { level: 2, name: target.label }).waitFor();
    const citation = await detail.getByRole('list', { name: 'Citations' }).getByRole('listitem').first().textContent();
    expect(citation).toContain(`« ${target.citations[0].quote} »`);
    // A replaced article says so at once, with its replacement when the graph knows it.
    const status = detail.getByText('Remplacé', { exact: true }).first();
    await status.waitFor(); // visible, once the answer that draws it has arrived
    if (replacement) {
      const label = around.nodes.find((n) => n.id === replacement.target)!.label;
      await status.locator('xpath=..').getByRole('button', { name: label }).waitFor(); // visible, once the answer that draws it has arrived
    }
    expect(new URL(page.url()).searchParams.get('noeud')).toBe('cp-458bis');
    expect(app.pageErrors).toEqual([]);
  });

  it('expands, hides and undoes from the buttons, the text version of the graph following along', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer?noeud=saj&voisins=saj`);
    const graph = page.getByRole('img', { name: /Graphe des dispositions/ });
    await page.getByRole('complementary', { name: 'Détail du nœud sélectionné' }).getByRole('heading', { level: 2 }).waitFor();
    const count = async () => Number(/(\d+) nœuds/.exec((await graph.getAttribute('aria-label')) ?? '')?.[1]);
    await expect.poll(count).toBeGreaterThan(1);
    const before = await count();

    await page.getByRole('button', { name: 'Masquer' }).click();
    await expect.poll(count).toBe(before - 1);
    expect(new URL(page.url()).searchParams.get('masques')).toBe('saj');
    await page.getByRole('button', { name: 'Annuler' }).click();
    await expect.poll(count).toBe(before);
    expect(new URL(page.url()).searchParams.get('noeud')).toBe('saj');

    await page.getByRole('button', { name: 'Replier' }).click();
    await expect.poll(count).toBe(1);
    await page.getByRole('button', { name: 'Afficher les voisins' }).click();
    await expect.poll(count).toBe(before);
  });

  it('finds the paths from psychologue to procureur du Roi, draws them and tells them in words', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer`);
    await page.getByText('Chemin de … à …').click();
    for (const [label, query, option] of [
      ['Chemin de', 'psycho', /^Psychologue/],
      ['à', 'procureur du roi', /^Procureur du Roi/],
    ] as const) {
      const box = page.getByRole('combobox', { name: label, exact: true });
      await box.fill(query);
      await page.getByRole('option', { name: option }).first().click();
    }
    await page.getByRole('button', { name: 'Trouver les chemins' }).click();

    const heading = page.getByRole('heading', { name: /chemins? de Psychologue à Procureur du Roi/ });
    await heading.waitFor();
    const paths = page.getByRole('list', { name: /chemins? de Psychologue/ });
    const first = paths.getByRole('list', { name: /^Chemin 1, \d+ étapes?/ });
    const steps = await first.getByRole('listitem').allTextContents();
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.join(' ')).toMatch(/Psychologue/);
    expect(steps.join(' ')).toMatch(/Procureur du Roi/);
    const drawn = await highlightedIds(page, /Graphe des dispositions/);
    expect(drawn).toContain('psychologue');
    expect(drawn).toContain('procureur-du-roi');
  });

  it('shows that the path search is on its way while the server is slow (aria-busy and a polite status)', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer?noeud=cp-458&voisins=cp-458`);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/paths**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${app.url}/explorer?noeud=cp-458&voisins=cp-458&de=tms&vers=saj`);
    const waiting = page.getByRole('status').filter({ hasText: /Recherche des chemins/ });
    await waiting.waitFor();
    expect(await page.locator('[aria-busy="true"]').filter({ has: waiting }).count()).toBe(1);
    release();
    await page.getByRole('heading', { name: /chemins? de .* à / }).waitFor();
    await waiting.waitFor({ state: 'detached' });
  });

  it('makes each step a history entry: Back returns to the previous node, Forward comes back', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer?noeud=saj&voisins=saj`);
    const detail = page.getByRole('complementary', { name: 'Détail du nœud sélectionné' });
    const title = detail.getByRole('heading', { level: 2 });
    await title.waitFor();
    const first = await title.textContent();
    const neighbour = detail.getByRole('list').getByRole('button').first();
    const next = (await neighbour.textContent())!.trim();
    await neighbour.click();
    await expect.poll(() => title.textContent()).toBe(next);

    await page.goBack();
    await expect.poll(() => title.textContent()).toBe(first);
    expect(new URL(page.url()).searchParams.get('noeud')).toBe('saj');
    await page.goForward();
    await expect.poll(() => title.textContent()).toBe(next);
    expect(page.url()).toContain('/explorer');
  });
});
