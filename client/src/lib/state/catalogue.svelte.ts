// Every node and the fact questionnaire, loaded once: the labels and types
// that route elements (plain ids) need to be drawn and read.
import { api } from '../api.ts';
import type { Fact, GraphNode, NodeOf } from '../types.ts';

const byLabel = (a: GraphNode, b: GraphNode) => a.label.localeCompare(b.label, 'fr');

class CatalogueStore {
  nodes = $state.raw(new Map<string, GraphNode>());
  facts = $state.raw<Fact[]>([]);
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string>();

  professions = $derived([...this.nodes.values()].filter((n): n is NodeOf<'Profession'> => n.type === 'Profession').sort(byLabel));
  recipients = $derived([...this.nodes.values()].filter((n): n is NodeOf<'Recipient'> => n.type === 'Recipient').sort(byLabel));
  situations = $derived(
    [...this.nodes.values()].filter((n): n is NodeOf<'Situation'> => n.type === 'Situation').sort((a, b) => (a.id < b.id ? -1 : 1)),
  );

  async load(): Promise<void> {
    try {
      const [nodes, facts] = await Promise.all([api.listNodes(), api.facts()]);
      this.nodes = new Map(nodes.map((n) => [n.id, n]));
      this.facts = facts;
      this.status = 'ready';
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      this.status = 'error';
    }
  }

  node(id: string): GraphNode | undefined {
    return this.nodes.get(id);
  }

  label(id: string): string {
    return this.nodes.get(id)?.label ?? id;
  }

  question(factId: string): string {
    return this.facts.find((f) => f.id === factId)?.question ?? factId;
  }
}

export const catalogue = new CatalogueStore();
