// What rests on what, and « Et si… ? » (issue 27) in the browser: the
// explorer's « Ce qui en dépend » and its highlight, a reform simulated on a
// node (its diff, its marks on the graph, its link, its CSV and images), and
// Formation's « Et sans cet article ? ». Every number is compared to the API's
// own answer, at desk (1440×900) and projector (1280×720) sizes.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { textInSentence, VERDICTS } from '../../client/src/lib/labels.ts';
import { groupRouteChanges, verdictChangeSentence, verdictText } from '../../client/src/lib/reform.ts';
import type { Assessment } from '../../server/schema/api.ts';
import type { NodeOf } from '../../server/schema/graph.ts';
import type { DependantsResult, ReformResult } from '../../server/schema/impact.ts';
import { describeInBrowser, highlightedIds, useBrowserApp } from './support/harness.ts';
import { axeFindings, graphDrawn } from './support/readability.ts';

const SIZES = [
  { name: 'desk', width: 1440, height: 900 },
  { name: 'projector', width: 1280, height: 720 },
];
const GRAPH = /Graphe des dispositions/;

/** The ids of the drawn elements that carry a class, read from Cytoscape itself. */
async function classed(page: Page, name: RegExp, cls: string): Promise<string[]> {
  return page.getByRole('img', { name }).evaluate((element, c) => {
    const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
    return cy.elements(`.${c}`).map((e) => e.id());
  }, cls);
}

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), text: (await readFile((await file.path())!)).toString('utf8') };
}

describeInBrowser('What rests on what, and « Et si… ? »', () => {
  const app = useBrowserApp();

  for (const size of SIZES) {
    it(`lists what rests on art. 458bis with the API’s counts, and paints it on the graph (${size.name})`, async () => {
      const expected = await app.api<DependantsResult>('/api/nodes/cp-458bis/dependants');
      const page = await app.newPage();
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`${app.url}/explorer?noeud=cp-458bis&voisins=cp-458bis`);
      await graphDrawn(page, GRAPH);
      const section = page.getByRole('region', { name: 'Ce qui en dépend' });
      await section.getByRole('button', { name: 'Voir ce qui en dépend' }).click();
      const counts = section.getByRole('list', { name: 'Ce qui repose sur ce nœud, en nombres' });
      await counts.waitFor({ timeout: 30_000 });
      const text = (await counts.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain(`${expected.counts.answers} réponse`);
      expect(text).toContain(`${expected.counts.professions} profession`);
      expect(text).toContain(`${expected.counts.recipients} destinataire`);
      expect(text).toContain(`${expected.counts.routes} voie`);
      expect(text).toContain(`${expected.counts.situations} exemple`);
      // The grouped list: every profession and worked example by its label, no id on screen.
      await section.getByText(/^Par profession/).click();
      for (const p of expected.professions) await section.getByText(p.profession.label, { exact: true }).waitFor();
      for (const s of expected.situations) await section.getByRole('button', { name: s.label }).waitFor();
      expect(await section.innerText()).not.toContain('exc-458bis');

      // From the keyboard: the highlight paints the node, the routes’ exceptions and recipients.
      const toggle = section.getByRole('button', { name: 'Mettre en évidence sur le graphe' });
      await toggle.focus();
      await page.keyboard.press('Enter');
      expect(await section.getByRole('button', { name: 'Ne plus mettre en évidence sur le graphe' }).getAttribute('aria-pressed')).toBe('true');
      const routes = [...new Set(expected.professions.flatMap((p) => p.answers.flatMap((a) => a.routes)))];
      const recipients = [...new Set(expected.professions.flatMap((p) => p.answers.map((a) => a.recipient.id)))];
      await expect.poll(() => highlightedIds(page, GRAPH)).toEqual(expect.arrayContaining(['cp-458bis', ...routes, ...recipients]));
      await expect.poll(() => classed(page, GRAPH, 'dependant')).toEqual(expect.arrayContaining(['cp-458bis', ...routes]));
      await page
        .getByRole('list', { name: 'Légende du graphe' })
        .getByText(/Repose sur le nœud sélectionné/)
        .waitFor();
      expect(await axeFindings(page)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    });

    it(`simulates the repeal of art. 458bis: the API’s diff by profession, the lost routes dashed red, a link that reproduces it (${size.name})`, async () => {
      const expected = await app.api<ReformResult>('/api/reform', { changes: [{ kind: 'repeal', id: 'cp-458bis' }] });
      const page = await app.newPage();
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`${app.url}/explorer?noeud=cp-458bis&voisins=cp-458bis`);
      await graphDrawn(page, GRAPH);
      const whatIf = page.getByRole('region', { name: 'Et si… ?' });
      await whatIf.getByRole('combobox', { name: 'Changement à simuler' }).selectOption({ label: 'Abroger' });
      await whatIf.getByRole('button', { name: 'Simuler' }).click();
      expect(new URL(page.url()).searchParams.get('si')).toBe('abroger:cp-458bis');

      const results = page.getByRole('region', { name: /^Et si : / });
      const diff = results.getByRole('table', { name: 'Voies changées, par profession et destinataire' });
      await diff.waitFor({ timeout: 30_000 });
      const counts = (await results.getByRole('list', { name: 'La réforme en nombres' }).innerText()).replace(/\s+/g, ' ');
      expect(counts).toContain(`${expected.counts.routesLost} voies perdues`);
      expect(counts).toContain(`${expected.counts.verdictsChanged} verdict`);
      // One row per (profession, recipient) of the API's routes, each telling the lost route.
      const groups = groupRouteChanges(expected.routes);
      expect(await diff.locator('tbody tr').count()).toBe(groups.reduce((n, g) => n + g.recipients.length, 0));
      expect(await diff.getByText(/Voie perdue/).count()).toBe(groups.reduce((n, g) => n + g.recipients.reduce((m, r) => m + r.rows.length, 0), 0));
      // The verdicts that change, before → after, as the API says.
      const verdicts = results.getByRole('table', { name: /Verdicts qui changent/ });
      const example = expected.situations.find((s) => s.changed && s.source === 'example')!;
      const row = verdicts.getByRole('row', { name: new RegExp(example.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
      expect((await row.innerText()).replace(/\s+/g, ' ')).toContain(`${verdictText(example.before, VERDICTS)} → ${verdictText(example.after, VERDICTS)}`);
      expect(await verdicts.locator('tbody tr').count()).toBe(expected.counts.verdictsChanged);

      // On the graph: the lost route's exception and relations carry the dashed red class, in the legend too.
      const graphName = /Graphe des dispositions — Et si/;
      await expect.poll(() => classed(page, graphName, 'lost'), { timeout: 15_000 }).toEqual(expect.arrayContaining(['cp-458bis', 'exc-458bis']));
      const lost = await classed(page, graphName, 'lost');
      expect(lost.some((id) => id.includes('-[PERMITS_DISCLOSURE_TO]->'))).toBe(true);
      const style = await page.getByRole('img', { name: graphName }).evaluate((element) => {
        const cy = (element as unknown as { _cyreg: { cy: import('cytoscape').Core } })._cyreg.cy;
        const edge = cy.edges('.lost').first();
        return { line: edge.style('line-style'), colour: edge.style('line-color') };
      });
      expect(style.line).toBe('dashed');
      expect(style.colour).toMatch(/rgb\(198,\s*40,\s*40\)/);
      await page
        .getByRole('list', { name: 'Légende du graphe' })
        .getByText(/^Perdu avec la réforme \(tirets/)
        .waitFor();
      expect(await axeFindings(page)).toEqual([]);

      // A step of history: Back closes the simulation, and the link alone reproduces it.
      await page.goBack();
      await results.waitFor({ state: 'detached' });
      const again = await app.newPage();
      await again.setViewportSize({ width: size.width, height: size.height });
      await again.goto(`${app.url}/explorer?noeud=cp-458bis&voisins=cp-458bis&si=abroger:cp-458bis`);
      await again.getByRole('table', { name: 'Voies changées, par profession et destinataire' }).waitFor({ timeout: 30_000 });
      expect(app.pageErrors).toEqual([]);
    });
  }

  it('exports the simulation: the server’s CSV with the reform named first, PNG and SVG titled with it', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer?noeud=cp-458bis&voisins=cp-458bis&si=abroger:cp-458bis`);
    const results = page.getByRole('region', { name: /^Et si : / });
    await results.getByRole('table', { name: 'Voies changées, par profession et destinataire' }).waitFor({ timeout: 30_000 });
    const name = ((await results.getByRole('heading', { level: 2 }).textContent()) ?? '').replace(/^Et si : /, '');
    expect(name).toContain('Art. 458bis Code pénal');

    const csv = await download(page, 'Exporter CSV');
    expect(csv.name).toMatch(/\.csv$/);
    const lines = csv.text.split('\n');
    expect(lines[0]).toBe(`# ${name}`);
    expect(lines[1]).toMatch(/^profession,recipient,kind,exception,change/);
    const expected = await app.api<ReformResult>('/api/reform', { changes: [{ kind: 'repeal', id: 'cp-458bis' }] });
    expect(lines.filter((l) => l.includes(',lost,')).length).toBe(expected.counts.routesLost);

    await graphDrawn(page, /Graphe des dispositions — Et si/);
    const png = await download(page, 'Exporter PNG');
    expect(png.text).toContain('iTXtTitle');
    expect(png.text).toContain(`Graphe des dispositions — Et si : ${name}`);
    const svg = await download(page, 'Exporter SVG');
    const escaped = `Graphe des dispositions — Et si : ${name}`.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    expect(svg.text).toContain(`<title>${escaped}</title>`);
    expect(svg.text).toContain('stroke-dasharray');
    // The legend says what the dashes mean, in words.
    expect(svg.text).toContain('Perdu avec la réforme (tirets)');
    expect(app.pageErrors).toEqual([]);
  });

  it('simulates a dated reform of reforms.yaml by its name, as GET /api/reforms and POST /api/reform answer it', async () => {
    const { reforms } = await app.api<{ reforms: { id: string; label: string; changes: unknown[] }[] }>('/api/reforms');
    const named = reforms[0];
    const expected = await app.api<ReformResult>('/api/reform', { changes: named.changes });
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer?noeud=cp-458ter&voisins=cp-458ter`);
    await graphDrawn(page, GRAPH);
    const whatIf = page.getByRole('region', { name: 'Et si… ?' });
    await whatIf.getByRole('combobox', { name: 'Changement à simuler' }).selectOption({ label: named.label });
    await whatIf.getByRole('button', { name: 'Simuler' }).click();
    expect(new URL(page.url()).searchParams.get('si')).toBe(`reforme:${named.id}`);
    const results = page.getByRole('region', { name: `Et si : ${named.label}` });
    await results.getByRole('list', { name: 'La réforme en nombres' }).waitFor({ timeout: 30_000 });
    const counts = (await results.getByRole('list', { name: 'La réforme en nombres' }).innerText()).replace(/\s+/g, ' ');
    const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
    expect(counts).toContain(n(expected.counts.routesLost, 'voie perdue', 'voies perdues'));
    expect(counts).toContain(n(expected.counts.routesChanged, 'voie modifiée', 'voies modifiées'));
    expect(counts).toContain(`${expected.counts.verdictsChanged} verdict`);
    expect(app.pageErrors).toEqual([]);
  });

  it('switches an exception’s effect: the API’s changed routes, the old relation lost and the new one gained on the graph', async () => {
    const expected = await app.api<ReformResult>('/api/reform', { changes: [{ kind: 'setEffect', exception: 'exc-458bis', effect: 'requires' }] });
    const page = await app.newPage();
    await page.goto(`${app.url}/explorer?noeud=exc-458bis&voisins=exc-458bis`);
    await graphDrawn(page, GRAPH);
    const whatIf = page.getByRole('region', { name: 'Et si… ?' });
    await whatIf.getByRole('combobox', { name: 'Changement à simuler' }).selectOption({ label: 'Obliger (au lieu de permettre)' });
    await whatIf.getByRole('button', { name: 'Simuler' }).click();
    expect(new URL(page.url()).searchParams.get('si')).toBe('effet:exc-458bis:impose');
    const results = page.getByRole('region', { name: /^Et si : / });
    await results.getByRole('table', { name: 'Voies changées, par profession et destinataire' }).waitFor({ timeout: 30_000 });
    expect((await results.getByRole('list', { name: 'La réforme en nombres' }).innerText()).replace(/\s+/g, ' ')).toContain(
      `${expected.counts.routesChanged} voies modifiées`,
    );
    expect(await results.getByText(/Voie modifiée : .* — effet : permet → oblige/).count()).toBeGreaterThan(0);
    const graphName = /Graphe des dispositions — Et si/;
    await expect.poll(() => classed(page, graphName, 'gained'), { timeout: 15_000 }).toContain('exc-458bis-[REQUIRES_DISCLOSURE_TO]->procureur-du-roi');
    expect(await classed(page, graphName, 'lost')).toContain('exc-458bis-[PERMITS_DISCLOSURE_TO]->procureur-du-roi');
    expect(await classed(page, graphName, 'changed')).toContain('exc-458bis');
    const legend = page.getByRole('list', { name: 'Légende du graphe' });
    await legend.getByText(/^Gagné avec la\s+réforme \(trait plein/).waitFor();
    await legend.getByText(/^Modifié par la\s+réforme \(pointillés/).waitFor();
    expect(app.pageErrors).toEqual([]);
  });

  for (const size of SIZES) {
    it(`replays a worked example without the article its route rests on: the API’s verdicts before and after, in a sentence (${size.name})`, async () => {
      const situation = await app.api<NodeOf<'Situation'>>('/api/nodes/sit-04-psychiatre-madame-l');
      const assessed = await app.api<Assessment>('/api/assess', situation.assess);
      const page = await app.newPage();
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`${app.url}/formation?exemple=${situation.id}&reponse=oui`);
      const section = page.getByRole('region', { name: 'Et sans cet article ?' });
      await section.waitFor();
      const option = await section.getByRole('combobox', { name: 'Rejouer l’exemple' }).locator('option').first().textContent();
      // The deciding route's articles, by label: the same ones are repealed through the API.
      const without = (r: Assessment['routes'][number]) => `Sans ${r.provisions.map((p) => textInSentence(p.label)).join(' et ')}`;
      const route = assessed.routes.find((r) => option?.includes(without(r)) && r.provisions.length)!;
      expect(route).toBeDefined();
      const expected = await app.api<ReformResult>('/api/reform', { changes: route.provisions.map((p) => ({ kind: 'repeal', id: p.id })) });
      const replayed = expected.situations.find((s) => s.id === situation.id)!;

      await section.getByRole('button', { name: 'Rejouer' }).click();
      const verdicts = section.getByText(/^Sans .* au lieu de /);
      await verdicts.waitFor({ timeout: 30_000 });
      expect((await verdicts.innerText()).replace(/\s+/g, ' ')).toBe(verdictChangeSentence(without(route), replayed.before, replayed.after, VERDICTS));
      expect(replayed.changed).toBe(true);
      await section.getByRole('list', { name: 'Voies perdues' }).getByText(`Voie perdue : ${route.exception.label}`, { exact: false }).waitFor();
      expect(await axeFindings(page)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    });
  }
});
