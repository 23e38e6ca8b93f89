import { expect, it } from 'vitest';
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
    expect(await page.getByText(situation.question, { exact: true }).isVisible()).toBe(true);
    await page.getByRole('group', { name: 'Votre réponse' }).getByRole('button', { name: 'OUI' }).click();

    const brochure = page.getByRole('region', { name: 'La réponse de la brochure' });
    expect((await brochure.textContent())?.replace(/\s+/g, ' ')).toContain(situation.answer.replace(/\s+/g, ' ').trim());
    await page.getByRole('region', { name: 'Le verdict de Secretum' }).getByText('Permis', { exact: true }).waitFor();
    await page.getByText('C’est aussi la réponse de la brochure.').waitFor();

    const stepper = page.getByRole('region', { name: /Le chemin/ });
    await stepper.getByText(/^Étape 1 sur \d+$/).waitFor();
    const total = Number(/sur (\d+)/.exec((await stepper.getByText(/^Étape 1 sur/).textContent())!)![1]);
    expect(total).toBeGreaterThan(3);
    expect(await highlightedIds(page, /Le chemin sur le graphe/)).toEqual(['tms']);

    await stepper.getByRole('button', { name: /Suivant/ }).click();
    await stepper.getByText(`Étape 2 sur ${total}`).waitFor();
    await page.keyboard.press('ArrowRight');
    await stepper.getByText(`Étape 3 sur ${total}`).waitFor();
    await page.keyboard.press('ArrowLeft');
    await stepper.getByText(`Étape 2 sur ${total}`).waitFor();
    expect(new URL(page.url()).searchParams.get('etape')).toBe('2');
    // Two steps walked: two nodes and the relation between them.
    expect(await highlightedIds(page, /Le chemin sur le graphe/)).toHaveLength(3);

    for (let i = 2; i < total; i++) await stepper.getByRole('button', { name: /Suivant/ }).click();
    await stepper.getByText(`Étape ${total} sur ${total}`).waitFor();
    expect(await stepper.getByRole('button', { name: /Suivant/ }).isDisabled()).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });
});
