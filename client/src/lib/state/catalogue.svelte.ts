// Every node, the fact questionnaire and the kinds of situation, loaded once:
// the labels and types that route elements (plain ids) need to be drawn and
// read. A failed load says why and can be retried; it never spins forever
// (api.ts gives every request a time limit).
import { api, ApiRequestError } from '../api.ts';
import type { Citation, Fact, GraphNode, NodeOf, SituationKind } from '../types.ts';

const byLabel = (a: GraphNode, b: GraphNode) => a.label.localeCompare(b.label, 'fr');

class CatalogueStore {
  nodes = $state.raw(new Map<string, GraphNode>());
  facts = $state.raw<Fact[]>([]);
  /** « De quoi s'agit-il ? »: empty when the server does not offer them, and the form starts from the profession */
  kinds = $state.raw<SituationKind[]>([]);
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string>();

  professions = $derived([...this.nodes.values()].filter((n): n is NodeOf<'Profession'> => n.type === 'Profession').sort(byLabel));
  recipients = $derived([...this.nodes.values()].filter((n): n is NodeOf<'Recipient'> => n.type === 'Recipient').sort(byLabel));
  situations = $derived([...this.nodes.values()].filter((n): n is NodeOf<'Situation'> => n.type === 'Situation').sort((a, b) => (a.id < b.id ? -1 : 1)));

  async load(): Promise<void> {
    this.status = 'loading';
    try {
      const [nodes, facts, kinds] = await Promise.all([api.listNodes(), api.facts(), api.situations().catch(() => [])]);
      this.nodes = new Map(nodes.map((n) => [n.id, n]));
      this.facts = facts;
      this.kinds = kinds;
      this.status = 'ready';
    } catch (err) {
      this.error = err instanceof ApiRequestError ? err.message : 'Une erreur inattendue est survenue.';
      this.status = 'error';
    }
  }

  kind(id: string | undefined): SituationKind | undefined {
    return this.kinds.find((k) => k.id === id);
  }

  node(id: string): GraphNode | undefined {
    return this.nodes.get(id);
  }

  /** false when the graph says its sources do not establish the text's current status */
  statusVerified(id: string): boolean {
    const node = this.nodes.get(id);
    return !(node?.type === 'Provision' && node.statusVerified === false);
  }

  /** what the brochure warns of a text itself (no penal sanction), quoted verbatim */
  caveat(id: string): Citation | undefined {
    const node = this.nodes.get(id);
    return node?.type === 'Provision' ? node.caveat : undefined;
  }

  /** a duty the brochure recommends rather than one the law imposes */
  isRecommendation(id: string): boolean {
    const node = this.nodes.get(id);
    return node?.type === 'Duty' && node.kind === 'recommendation';
  }

  label(id: string): string {
    return this.nodes.get(id)?.label ?? id;
  }

  question(factId: string): string {
    return this.facts.find((f) => f.id === factId)?.question ?? factId;
  }
}

export const catalogue = new CatalogueStore();
