import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, formatViewState, layoutOf, parseViewState, stepBack, type ViewState } from '../../../client/src/lib/viewState.ts';

const roundTrip = (state: ViewState) => {
  const url = new URL(formatViewState(state), 'http://x');
  return parseViewState(url.pathname, url.search);
};

describe('view state in the URL', () => {
  it('keeps an assessment, its answers in order and the closed world', () => {
    const state: ViewState = {
      ...DEFAULT_VIEW,
      mode: 'evaluer',
      profession: 'tms',
      recipient: 'saj',
      facts: { child_maltreatment_situation: true, professional_context: false },
      closedWorld: true,
    };
    expect(formatViewState(state)).toBe(
      '/evaluer?profession=tms&destinataire=saj&faits=child_maltreatment_situation:oui,professional_context:non&monde-clos=oui',
    );
    const back = roundTrip(state);
    expect(back).toMatchObject({ mode: 'evaluer', profession: 'tms', recipient: 'saj', closedWorld: true });
    expect(Object.entries(back.facts)).toEqual([
      ['child_maltreatment_situation', true],
      ['professional_context', false],
    ]);
  });

  it('opens the first page at /, with nothing in its link', () => {
    expect(parseViewState('/', '').mode).toBe('accueil');
    expect(formatViewState({ ...DEFAULT_VIEW, mode: 'accueil', profession: 'tms', layout: 'force' })).toBe('/');
  });

  it('keeps the explorer’s path finder ends, only both together', () => {
    const state: ViewState = { ...DEFAULT_VIEW, mode: 'explorer', node: 'tms', pathFrom: 'tms', pathTo: 'saj' };
    expect(formatViewState(state)).toBe('/explorer?noeud=tms&de=tms&vers=saj');
    expect(roundTrip(state)).toMatchObject({ pathFrom: 'tms', pathTo: 'saj' });
    expect(formatViewState({ ...state, pathTo: undefined })).toBe('/explorer?noeud=tms');
  });

  it('keeps only what the mode needs', () => {
    const state: ViewState = { ...DEFAULT_VIEW, mode: 'parler', profession: 'tms', recipient: 'saj', node: 'cp-458' };
    expect(formatViewState(state)).toBe('/a-qui-parler?profession=tms');
  });

  it('counts formation steps from 1 in the URL and from 0 inside', () => {
    const url = formatViewState({ ...DEFAULT_VIEW, mode: 'formation', situation: 'sit-08-tms-saj', answer: 'oui', step: 2 });
    expect(url).toBe('/formation?exemple=sit-08-tms-saj&reponse=oui&etape=3');
    expect(parseViewState('/formation', '?etape=3').step).toBe(2);
    expect(parseViewState('/formation', '?etape=0').step).toBe(0);
  });

  it('ignores ids that are not ids, and unknown paths fall back to the explorer', () => {
    const state = parseViewState('/nimporte', '?noeud=<script>&voisins=cp-458,x%20y&faits=a:peut-etre,b:oui');
    expect(state).toMatchObject({ mode: 'explorer', node: undefined, expanded: ['cp-458'], facts: { b: true } });
  });

  it('keeps « Vue d’ensemble » and its source in the explorer’s URL, drawn in layers', () => {
    const state: ViewState = { ...DEFAULT_VIEW, mode: 'explorer', overview: true, source: 'code-penal' };
    expect(formatViewState(state)).toBe('/explorer?vue=ensemble&source=code-penal');
    expect(roundTrip(state)).toMatchObject({ overview: true, source: 'code-penal' });
    expect(formatViewState({ ...state, overview: false })).toBe('/explorer');
    expect(layoutOf(state)).toBe('layered');
  });

  it('lays routes out in layers and maps in forces unless the user chose', () => {
    expect(layoutOf({ ...DEFAULT_VIEW, mode: 'evaluer' })).toBe('layered');
    expect(layoutOf({ ...DEFAULT_VIEW, mode: 'explorer' })).toBe('force');
    expect(layoutOf({ ...DEFAULT_VIEW, mode: 'evaluer', layout: 'force' })).toBe('force');
    expect(roundTrip({ ...DEFAULT_VIEW, mode: 'explorer', layout: 'layered' }).layout).toBe('layered');
  });
});

describe('one step back, for a link opened from outside', () => {
  const back = (link: string) => {
    const url = new URL(link, 'http://x');
    const previous = stepBack(parseViewState(url.pathname, url.search));
    return previous && formatViewState(previous);
  };

  it('undoes the last answer, then the recipient, the profession and the kind', () => {
    expect(back('/evaluer?cas=k&profession=p&destinataire=d&faits=a:oui,b:non')).toBe('/evaluer?cas=k&profession=p&destinataire=d&faits=a:oui');
    expect(back('/evaluer?cas=k&profession=p&destinataire=d')).toBe('/evaluer?cas=k&profession=p');
    expect(back('/evaluer?cas=k')).toBe('/evaluer');
    expect(back('/evaluer')).toBeUndefined();
  });

  it('undoes Formation’s last step, then the vote, then the example', () => {
    expect(back('/formation?exemple=s&reponse=oui&etape=3')).toBe('/formation?exemple=s&reponse=oui&etape=2');
    expect(back('/formation?exemple=s&reponse=oui&etape=2')).toBe('/formation?exemple=s&reponse=oui');
    expect(back('/formation?exemple=s&reponse=oui')).toBe('/formation?exemple=s');
    expect(back('/formation')).toBeUndefined();
    expect(back('/')).toBeUndefined();
  });
});

describe('answers a link holds but that cannot be read', () => {
  it('keeps them aside, as written, and out of the answers', () => {
    const state = parseViewState('/evaluer', '?faits=a:oui,inconnu,b:peutetre,c:non');
    expect(state.facts).toEqual({ a: true, c: false });
    expect(state.unreadFacts).toEqual(['inconnu', 'b:peutetre']);
    expect(parseViewState('/evaluer', '?faits=a:oui').unreadFacts).toBeUndefined();
  });
});
