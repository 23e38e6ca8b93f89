// The state a shared link carries, and its URL form. The path names the mode;
// the query holds only what that mode needs, in French, readable by a human:
//   /evaluer?profession=tms&destinataire=saj&faits=child_maltreatment_situation:oui
import { parseReformParam } from './reform.ts';

export type Mode = 'accueil' | 'explorer' | 'evaluer' | 'parler' | 'formation';
export type GraphLayout = 'force' | 'layered';
export type QuizAnswer = 'oui' | 'non';

export interface ViewState {
  mode: Mode;
  /** explorer: the selected node, the nodes whose neighbours are shown, the nodes hidden */
  node?: string;
  expanded: string[];
  hidden: string[];
  /** explorer: « Vue d'ensemble », the summary of the law, and the source (instrument or ruling) it shows */
  overview: boolean;
  source?: string;
  /** explorer: the path finder's ends (« Chemin de … à … ») */
  pathFrom?: string;
  pathTo?: string;
  /** explorer: « Et si… ? », the reform simulated, in its URL form (lib/reform.ts: abroger:cp-458bis, reforme:<id>…) */
  reform?: string;
  /** the layout the user chose; none: the mode's default (see layoutOf) */
  layout?: GraphLayout;
  /** assessment: the kind of situation (« De quoi s'agit-il ? »), an id of GET /api/situations */
  kind?: string;
  /** assessment and disclosure map */
  profession?: string;
  recipient?: string;
  /** answered facts, in the order they were answered */
  facts: Record<string, boolean>;
  /** items of the link's `faits` that could not be read (no answer, or neither oui nor non), as written; said, never kept in the URL */
  unreadFacts?: string[];
  closedWorld: boolean;
  /** formation */
  situation?: string;
  answer?: QuizAnswer;
  /** index of the walk's step shown (the URL counts from 1: etape=3 is index 2) */
  step: number;
}

export const MODE_PATHS: Record<Mode, string> = {
  accueil: '/',
  explorer: '/explorer',
  evaluer: '/evaluer',
  parler: '/a-qui-parler',
  formation: '/formation',
};

export const DEFAULT_VIEW: ViewState = {
  mode: 'explorer',
  expanded: [],
  hidden: [],
  overview: false,
  facts: {},
  closedWorld: false,
  step: 0,
};

/** A route reads best in layers (article → exception → condition → recipient), and so does the summary of the law; wide maps read best in forces. */
export function layoutOf(state: ViewState): GraphLayout {
  return state.layout ?? (state.mode === 'evaluer' || state.mode === 'formation' || (state.mode === 'explorer' && state.overview) ? 'layered' : 'force');
}

const LAYOUT_NAMES: Record<string, GraphLayout | undefined> = { forces: 'force', couches: 'layered' };

const ID = /^[a-z0-9_-]{1,200}$/;
const list = (value: string | null) => (value ?? '').split(',').filter((id) => ID.test(id));
const id = (value: string | null) => (value && ID.test(value) ? value : undefined);

function parseFacts(value: string | null): { facts: Record<string, boolean>; unread: string[] } {
  const facts: Record<string, boolean> = {};
  const unread: string[] = [];
  for (const item of (value ?? '').split(',')) {
    const [fact, answer, ...rest] = item.split(':');
    if (ID.test(fact ?? '') && (answer === 'oui' || answer === 'non') && rest.length === 0) facts[fact] = answer === 'oui';
    else if (item.trim()) unread.push(item.slice(0, 80));
  }
  return { facts, unread };
}

export function parseViewState(pathname: string, search: string): ViewState {
  const query = new URLSearchParams(search);
  const path = pathname.replace(/\/+$/, '') || '/';
  // The first page asks what the person wants to do; an unknown path falls back to the explorer, as links of old did.
  const mode = (Object.keys(MODE_PATHS) as Mode[]).find((m) => path === MODE_PATHS[m]) ?? 'explorer';
  const step = Number.parseInt(query.get('etape') ?? '', 10);
  const answer = query.get('reponse');
  const { facts, unread } = parseFacts(query.get('faits'));
  return {
    mode,
    node: id(query.get('noeud')),
    expanded: list(query.get('voisins')),
    hidden: list(query.get('masques')),
    overview: query.get('vue') === 'ensemble',
    source: id(query.get('source')),
    pathFrom: id(query.get('de')),
    pathTo: id(query.get('vers')),
    reform: parseReformParam(query.get('si')) ? query.get('si')! : undefined,
    layout: LAYOUT_NAMES[query.get('disposition') ?? ''],
    kind: id(query.get('cas')),
    profession: id(query.get('profession')),
    recipient: id(query.get('destinataire')),
    facts,
    unreadFacts: unread.length ? unread : undefined,
    closedWorld: query.get('monde-clos') === 'oui',
    situation: id(query.get('exemple')),
    answer: answer === 'oui' || answer === 'non' ? answer : undefined,
    step: Number.isFinite(step) && step > 1 ? step - 1 : 0,
  };
}

function paramsFor(state: ViewState): [string, string | undefined][] {
  const layout: [string, string | undefined] = ['disposition', state.layout && (state.layout === 'layered' ? 'couches' : 'forces')];
  return state.mode === 'accueil' ? [] : [...modeParams(state), layout];
}

function modeParams(state: ViewState): [string, string | undefined][] {
  switch (state.mode) {
    case 'accueil':
      return [];
    case 'explorer':
      return [
        ['noeud', state.node],
        ['voisins', state.expanded.join(',') || undefined],
        ['masques', state.hidden.join(',') || undefined],
        ['vue', state.overview ? 'ensemble' : undefined],
        ['source', state.overview ? state.source : undefined],
        ['de', state.pathFrom && state.pathTo ? state.pathFrom : undefined],
        ['vers', state.pathFrom && state.pathTo ? state.pathTo : undefined],
        ['si', state.reform],
      ];
    case 'evaluer':
      return [
        ['cas', state.kind],
        ['profession', state.profession],
        ['destinataire', state.recipient],
        [
          'faits',
          Object.entries(state.facts)
            .map(([fact, value]) => `${fact}:${value ? 'oui' : 'non'}`)
            .join(',') || undefined,
        ],
        ['monde-clos', state.closedWorld ? 'oui' : undefined],
      ];
    case 'parler':
      return [['profession', state.profession]];
    case 'formation':
      return [
        ['exemple', state.situation],
        ['reponse', state.answer],
        ['etape', state.step > 0 ? String(state.step + 1) : undefined],
      ];
  }
}

/** Path and query of a view. Ids are [a-z0-9_-], so ":" and "," stay unescaped and the link stays readable. */
export function formatViewState(state: ViewState): string {
  const query = paramsFor(state)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${value.replace(/[^a-z0-9_:,-]/gi, encodeURIComponent)}`)
    .join('&');
  return MODE_PATHS[state.mode] + (query ? `?${query}` : '');
}

/**
 * The view one step before this one, for a link opened from outside the app:
 * its first Back then undoes the last step instead of leaving Secretum.
 * Évaluer drops its last answer (then the closed world, the recipient, the
 * profession, the kind); Formation its last step (then the vote, the example);
 * « À qui » its profession; the explorer returns to its start. None: nothing to undo.
 */
export function stepBack(state: ViewState): ViewState | undefined {
  switch (state.mode) {
    case 'accueil':
      return undefined;
    case 'evaluer': {
      const answered = Object.keys(state.facts);
      if (answered.length > 0) {
        const facts = { ...state.facts };
        delete facts[answered[answered.length - 1]];
        return { ...state, facts };
      }
      if (state.closedWorld) return { ...state, closedWorld: false };
      if (state.recipient) return { ...state, recipient: undefined };
      if (state.profession) return { ...state, profession: undefined };
      if (state.kind) return { ...state, kind: undefined };
      return undefined;
    }
    case 'formation':
      if (state.step > 0) return { ...state, step: state.step - 1 };
      if (state.answer) return { ...state, answer: undefined };
      if (state.situation) return { ...state, situation: undefined };
      return undefined;
    case 'parler':
      return state.profession ? { ...state, profession: undefined } : undefined;
    case 'explorer': {
      const start: ViewState = { ...DEFAULT_VIEW, mode: 'explorer', layout: state.layout };
      return formatViewState(start) === formatViewState(state) ? undefined : start;
    }
  }
}
