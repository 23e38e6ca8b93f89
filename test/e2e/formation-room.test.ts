// Formation read out to a room, at the projector's 1280×720: the last step
// says the example is over.
import { expect, it } from 'vitest';
import { describeInBrowser, useBrowserApp } from './support/harness.ts';

const PROJECTOR = { width: 1280, height: 720 };
const LAST_STEP = '/formation?exemple=sit-08-tms-saj&reponse=oui&etape=10';

describeInBrowser('Formation in front of a room', () => {
  const app = useBrowserApp();

  it('shows « Suivant → » disabled at the last step, and says the example is over with the next one offered', async () => {
    const page = await app.newPage();
    await page.setViewportSize(PROJECTOR);
    await page.goto(`${app.url}/formation?exemple=sit-08-tms-saj&reponse=oui&etape=0`);
    const stepper = page.getByRole('region', { name: /Le chemin/ });
    const next = stepper.getByRole('button', { name: /Suivant/ });
    await stepper.getByText(/^Étape 1 sur \d+$/).waitFor();
    const look = () =>
      next.evaluate((b) => ({ opacity: getComputedStyle(b).opacity, background: getComputedStyle(b).backgroundColor, color: getComputedStyle(b).color }));
    const enabled = await look();
    expect(await stepper.getByText('Fin de l’exemple', { exact: false }).count()).toBe(0);

    await page.goto(`${app.url}${LAST_STEP}`);
    await stepper.getByText(/^Étape (\d+) sur \1$/).waitFor();
    expect(await next.isDisabled()).toBe(true);
    expect(await look()).not.toEqual(enabled);
    await stepper.getByText('Fin de l’exemple', { exact: false }).waitFor();
    await stepper.getByRole('button', { name: /^Continuer avec l’exemple \d+/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('exemple')).not.toBe('sit-08-tms-saj');
    expect(app.pageErrors).toEqual([]);
  });
});
