// Every French word the interface shows for a code of the API.
import type { NodeType, RelationType, RouteStatus, Verdict } from './types.ts';

export const RELATION_LABELS: Record<RelationType, string> = {
  PART_OF: 'fait partie de',
  REFERS_TO: 'renvoie à',
  BOUND_BY: 'tenu par',
  IS_A: 'est un(e)',
  ESTABLISHES: 'fonde',
  DEROGATES_FROM: 'déroge à',
  APPLIES_TO: 's’applique à',
  PERMITS_DISCLOSURE_TO: 'permet de révéler à',
  REQUIRES_DISCLOSURE_TO: 'oblige à révéler à',
  REQUIRES: 'exige',
  RESTRICTS: 'restreint',
  IMPOSES: 'impose',
  ILLUSTRATES: 'illustre',
  REPLACED_BY: 'remplacé par',
  INVOLVES: 'met en jeu',
  SAME_AS: 'autre nom de',
  QUALIFIES: 'précise la voie',
};

/** The same relations read from their target back to their source (a path walked against an edge). */
export const INVERSE_RELATION_LABELS: Record<RelationType, string> = {
  PART_OF: 'comprend',
  REFERS_TO: 'visé par le renvoi de',
  BOUND_BY: 'tient au secret',
  IS_A: 'comprend le cas de',
  ESTABLISHES: 'fondé par',
  DEROGATES_FROM: 'admet la dérogation',
  APPLIES_TO: 'concerné par',
  PERMITS_DISCLOSURE_TO: 'peut être informé selon',
  REQUIRES_DISCLOSURE_TO: 'doit être informé selon',
  REQUIRES: 'exigé par',
  RESTRICTS: 'restreint par',
  IMPOSES: 'imposé par',
  ILLUSTRATES: 'illustré par',
  REPLACED_BY: 'remplace',
  INVOLVES: 'en jeu dans',
  SAME_AS: 'autre nom de',
  QUALIFIES: 'voie précisée par',
};

export const NODE_TYPE_LABELS: Record<NodeType, string> = {
  Instrument: 'Texte de loi',
  Provision: 'Article',
  CaseLaw: 'Jurisprudence',
  Profession: 'Profession',
  Recipient: 'Destinataire',
  Exception: 'Exception (voie)',
  Limit: 'Limite',
  Condition: 'Condition',
  ConditionGroup: 'Groupe de conditions',
  Duty: 'Devoir',
  Offence: 'Infraction',
  Situation: 'Exemple de la brochure',
  SituationKind: 'Type de situation',
};

/** The plural a group node of folded leaves names (« 9 infractions »). */
export const NODE_TYPE_PLURALS: Record<NodeType, string> = {
  Instrument: 'textes de loi',
  Provision: 'articles',
  CaseLaw: 'décisions de jurisprudence',
  Profession: 'professions',
  Recipient: 'destinataires',
  Exception: 'exceptions (voies)',
  Limit: 'limites',
  Condition: 'conditions',
  ConditionGroup: 'groupes de conditions',
  Duty: 'devoirs',
  Offence: 'infractions',
  Situation: 'exemples de la brochure',
  SituationKind: 'types de situation',
};

export interface VerdictWording {
  label: string;
  /** one line saying what the verdict means for the professional */
  meaning: string;
  symbol: string;
}

export const VERDICTS: Record<Verdict, VerdictWording> = {
  permitted: { label: 'Permis', meaning: 'Vous pouvez parler, sans y être obligé(e).', symbol: '✓' },
  required: { label: 'Obligatoire', meaning: 'La loi vous oblige à communiquer l’information.', symbol: '!' },
  forbidden: { label: 'Interdit', meaning: 'Le secret professionnel s’impose : vous devez vous taire.', symbol: '✗' },
  undetermined: { label: 'À déterminer', meaning: 'La réponse dépend de faits encore inconnus.', symbol: '?' },
  not_bound: { label: 'Pas tenu au secret', meaning: 'Le secret professionnel ne s’applique pas ici.', symbol: '–' },
};

/** What is done (the answer's `act`). */
// Shared with the server's explanations: an act is named alike in the answer and on screen.
export { ACT_LABELS } from '../../../server/domain/words.ts';

export const ROUTE_STATUS_LABELS: Record<RouteStatus, string> = {
  open: 'ouverte',
  closed: 'fermée',
  undetermined: 'à déterminer',
};

export const EFFECT_LABELS = { permits: 'permet de révéler', requires: 'oblige à révéler' } as const;

/** What a seizure route allows (`Exception.measure: seizure`): the professional discloses nothing; the secret does not bar the measure. */
export const SEIZURE_YIELDS = 'le secret ne s’oppose pas à la saisie ni à la perquisition';

export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** « a, b et c » (or « a, b ou c »): a list said in a sentence. */
export const listInWords = (words: readonly string[], conjunction: 'et' | 'ou' = 'et') =>
  words.length > 1 ? `${words.slice(0, -1).join(', ')} ${conjunction} ${words.at(-1)}` : (words[0] ?? '');

/** A label inside a sentence: « Procureur du Roi » → « procureur du Roi »; acronyms and « Art. » stay as they are. */
export const inSentence = (label: string) => (/^(\p{Lu}{2}|Art\.)/u.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1));

/**
 * The article a text's name takes in a sentence, by the word it starts with, whatever its case
 * (« Art. 57 décret… »); « Code » keeps its capital, as in « le Code pénal ».
 */
const TEXT_ARTICLES: [RegExp, (word: string) => string][] = [
  [/^code\b/i, () => 'le Code'],
  [/^(décret|nouveau)\b/i, (word) => `le ${word.toLowerCase()}`],
  [/^(loi|circulaire|doctrine|jurisprudence|déontologie)\b/i, (word) => `la ${word.toLowerCase()}`],
];
/** « Art. 458 Code pénal »: the article's number (with an « alinéa » between commas), then the text it belongs to. */
const ARTICLE = /^Art\. ([^\s,]+(?:, [^,]+,)?) (.+)$/;

/**
 * A text's label inside a sentence, with its article: « Art. 458 Code pénal » → « l’art. 458 du Code pénal »,
 * « Loi du 4 mai 2017 » → « la loi du 4 mai 2017 ». A name that is no text's (a judgment) keeps its form.
 */
export function textInSentence(label: string): string {
  const article = ARTICLE.exec(label);
  if (article) return `l’art. ${article[1]} ${ofText(article[2])}`;
  for (const [start, withArticle] of TEXT_ARTICLES) {
    const word = start.exec(label)?.[0];
    if (word) return `${withArticle(word)}${label.slice(word.length)}`;
  }
  return label;
}

/** « de » before a text's name, contracted: « du Code pénal », « de la loi », « de l’art. 458 ». */
export const ofText = (label: string) => contract('de', textInSentence(label));
/** « à » before a text's name, contracted: « au Code pénal », « à la loi », « à l’art. 458 ». */
export const toText = (label: string) => contract('à', textInSentence(label));
const contract = (preposition: 'de' | 'à', named: string) =>
  named.startsWith('le ') ? `${preposition === 'de' ? 'du' : 'au'} ${named.slice(3)}` : `${preposition} ${named}`;

/** The one source of the knowledge, as exports and the printed memo name it. */
export const BROCHURE_SOURCE =
  'Brochure « Le secret professionnel », Commission de coordination de l’aide aux enfants victimes de maltraitance (Brabant wallon)';

export const PROVISION_STATUS_LABELS = { in_force: 'En vigueur', repealed: 'Abrogé', replaced: 'Remplacé' } as const;
/** A text the brochure cites as in force whose current status our sources do not establish (Provision.statusVerified: false). */
export const UNVERIFIED_STATUS_LABEL = 'statut non vérifié';

/** Why a profession is bound (BOUND_BY basis), in words. */
export const BOUND_BASIS_LABELS: Record<string, string> = {
  'listed-458': 'nommé(e) à l’art. 458',
  'confident-necessaire': 'confident nécessaire',
  'specific-law': 'par une loi particulière',
  deontology: 'par sa déontologie',
};

export const ANSWER_LABELS = { true: 'Oui', false: 'Non', unknown: 'Je ne sais pas' } as const;

export function factValueLabel(value: boolean | null | undefined): string {
  return value === true ? ANSWER_LABELS.true : value === false ? ANSWER_LABELS.false : 'inconnu';
}

/** Lower-case, accents stripped: the same folding the API applies to searches. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}
