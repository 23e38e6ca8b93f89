import { expect, it } from 'vitest';
import { RELATION_LABELS } from '../../client/src/lib/labels.ts';
import type { Assessment } from '../../server/schema/api.ts';
import type { NodeOf } from '../../server/schema/graph.ts';
import { describeInBrowser, highlightedIds, useBrowserApp } from './support/harness.ts';

describeInBrowser('Formation', () => {
  const app = useBrowserApp();

  it('runs example 8 as a quiz: OUI, then the brochure’s answer, the verdict and the path step by step', async () => {
    const situation = await app.api<NodeOf<'Situation'>>('/api/nodes/sit-08-tms-saj');
    const page = await app.newPage();
    await page.goto(`${app.url}/formation`);

    await page.getByRole('combobox', { name: 'Exemple de la brochure' }).selectOption({ label: situation.label });
    await page.getByRole('heading', { level: 2, name: situation.label }).waitFor();
    await page.getByText(situation.question, { exact: true }).waitFor(); // visible, once the answer that draws it has arrived
    await page.getByRole('group', { name: 'Votre réponse' }).getByRole('button', { name: 'OUI' }).click();

    const brochure = page.getByRole('region', { name: 'La réponse de la brochure' });
    expect((await brochure.textContent())?.replace(/\s+/g, ' ')).toContain(situation.answer.replace(/\s+/g, ' ').trim());
    await page.getByRole('region', { name: 'Le verdict de Secretum' }).getByText('Permis', { exact: true }).waitFor();
    await page.getByText('C’est aussi la réponse de la brochure.').waitFor();

    const stepper = page.getByRole('region', { name: /Le chemin/ });
    await stepper.getByText(/^Étape 1 sur \d+$/).waitFor();
    const total = Number(/sur (\d+)/.exec((await stepper.getByText(/^Étape 1 sur/).textContent())!)![1]);
    expect(total).toBeGreaterThan(3);
    // The first step is the profession with its hierarchy folded in.
    const first = await highlightedIds(page, /Le chemin sur le graphe/);
    expect(first).toContain('tms');

    await stepper.getByRole('button', { name: /Suivant/ }).click();
    await stepper.getByText(`Étape 2 sur ${total}`).waitFor();
    await page.keyboard.press('ArrowRight');
    await stepper.getByText(`Étape 3 sur ${total}`).waitFor();
    await page.keyboard.press('ArrowLeft');
    await stepper.getByText(`Étape 2 sur ${total}`).waitFor();
    expect(new URL(page.url()).searchParams.get('etape')).toBe('2');
    // Two steps walked: the first step's elements, the next node and the relation to it.
    expect(await highlightedIds(page, /Le chemin sur le graphe/)).toHaveLength(first.length + 2);

    for (let i = 2; i < total; i++) await stepper.getByRole('button', { name: /Suivant/ }).click();
    await stepper.getByText(`Étape ${total} sur ${total}`).waitFor();
    expect(await stepper.getByRole('button', { name: /Suivant/ }).isDisabled()).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });

  it('walks, for every example of the brochure, the route that decides its answer, with no step a bare hierarchy link', async () => {
    const { nodes: situations } = await app.api<{ nodes: NodeOf<'Situation'>[] }>('/api/nodes?type=Situation');
    expect(situations.length).toBeGreaterThan(10);
    const page = await app.newPage();
    // A bare link reads « A <relation> B » with two node labels, as the graph's raw relations do.
    const { nodes: all } = await app.api<{ nodes: { label: string }[] }>('/api/nodes');
    const labels = new Set(all.map((n) => n.label));
    const isBare = (step: string) =>
      Object.values(RELATION_LABELS).some((relation) => {
        const at = step.indexOf(` ${relation} `);
        return at > 0 && labels.has(step.slice(0, at)) && labels.has(step.slice(at + relation.length + 2));
      });
    for (const situation of situations) {
      const [result, links] = await Promise.all([
        app.api<Assessment>('/api/assess', situation.assess),
        app.api<{ nodes: { id: string }[] }>(`/api/nodes/${situation.id}/neighbourhood?depth=1&relations=ILLUSTRATES`),
      ]);
      await page.goto(`${app.url}/formation?exemple=${situation.id}&reponse=oui`);
      await page.getByRole('heading', { level: 2, name: situation.label }).waitFor();
      await page.getByRole('region', { name: 'Le verdict de Secretum' }).waitFor();
      if (result.routes.length === 0) {
        await page.getByText('Aucune voie à parcourir', { exact: false }).waitFor();
        continue;
      }
      const stepper = page.getByRole('region', { name: /Le chemin/ });
      const title = (await stepper.getByRole('heading', { level: 2 }).textContent()) ?? '';
      const walked = result.routes.find((r) => title.includes(`Le chemin : ${r.exception.label} (`));
      expect(walked, `${situation.id} : ${title}`).toBeDefined();
      const illustrated = result.routes.filter((r) => links.nodes.some((n) => n.id === r.exception.id));
      const agrees = (status: string) =>
        result.verdict === 'permitted' || result.verdict === 'required' ? status === 'open' : result.verdict === 'forbidden' ? status === 'closed' : true;
      if (illustrated.some((r) => agrees(r.status)))
        expect(
          illustrated.map((r) => r.exception.id),
          situation.id,
        ).toContain(walked!.exception.id);
      expect(agrees(walked!.status), `${situation.id} walks a route ${walked!.status} for ${result.verdict}`).toBe(true);
      if (walked!.status === 'closed') await stepper.getByText(/^Voie fermée parce que :/).waitFor();

      await stepper.getByText('Toutes les étapes').click();
      const steps = await stepper.getByRole('list', { name: 'Étapes du chemin' }).getByRole('button').allTextContents();
      for (const step of steps) expect(isBare(step.trim()), `${situation.id} : ${step}`).toBe(false);
      // The deciding route's exception is walked.
      expect(
        steps.some((s) => s.includes(walked!.exception.label)),
        situation.id,
      ).toBe(true);
    }
    expect(app.pageErrors).toEqual([]);
  });

  it('shows the brochure’s answer without scrolling on a 1280×720 projector, for every example', async () => {
    const { nodes: situations } = await app.api<{ nodes: NodeOf<'Situation'>[] }>('/api/nodes?type=Situation');
    const page = await app.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    for (const situation of situations) {
      await page.goto(`${app.url}/formation?exemple=${situation.id}&reponse=oui`);
      const brochure = page.getByRole('region', { name: 'La réponse de la brochure' });
      await brochure.waitFor();
      const box = (await brochure.boundingBox())!;
      const scrolled = await brochure.evaluate((el) => {
        let node: HTMLElement | null = el.parentElement;
        while (node && node.scrollTop === 0) node = node.parentElement;
        return (node?.scrollTop ?? 0) + window.scrollY;
      });
      expect(scrolled, situation.id).toBe(0);
      expect(box.y + box.height, situation.id).toBeLessThanOrEqual(720);
    }
  });
});
