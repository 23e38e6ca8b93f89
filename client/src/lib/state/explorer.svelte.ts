// The explorer's graph: the union of the neighbourhoods of the nodes the user
// expanded, minus what they hid, through the type and relation filters. What
// is expanded or hidden lives in the URL (view); neighbourhoods are cached here.
import { api } from '../api.ts';
import type { GraphModel } from '../graph/model.ts';
import type { GraphEdge, GraphNode, NodeType, RelationType, Subgraph } from '../types.ts';
import { catalogue } from './catalogue.svelte.ts';
import { view } from './view.svelte.ts';

interface Snapshot {
  node?: string;
  expanded: string[];
  hidden: string[];
}

export const START_NODE = 'cp-458';

class ExplorerStore {
  neighbourhoods = $state.raw(new Map<string, Subgraph>());
  hiddenTypes = $state.raw(new Set<NodeType>());
  hiddenRelations = $state.raw(new Set<RelationType>());
  error = $state<string>();
  private history = $state.raw<Snapshot[]>([]);
  /** Requests in flight, so a neighbourhood asked for twice is fetched once. */
  private loading = new Map<string, Promise<void>>();
  canUndo = $derived(this.history.length > 0);

  graph: GraphModel = $derived.by(() => {
    const { node, expanded, hidden } = view.current;
    const nodes = new Map<string, GraphNode>();
    const edges = new Map<string, GraphEdge>();
    for (const id of expanded) {
      const sub = this.neighbourhoods.get(id);
      sub?.nodes.forEach((n) => nodes.set(n.id, n));
      sub?.edges.forEach((e) => edges.set(e.id, e));
    }
    const selected = node ? catalogue.node(node) : undefined;
    if (selected) nodes.set(selected.id, selected);
    const shown = [...nodes.values()].filter((n) => !hidden.includes(n.id) && !this.hiddenTypes.has(n.type));
    const ids = new Set(shown.map((n) => n.id));
    return {
      nodes: shown,
      edges: [...edges.values()].filter((e) => ids.has(e.source) && ids.has(e.target) && !this.hiddenRelations.has(e.type)),
    };
  });

  /** Relations of a node, for the detail panel (loaded on demand). */
  relationsOf(id: string): Subgraph | undefined {
    return this.neighbourhoods.get(id);
  }

  load(id: string): Promise<void> {
    if (this.neighbourhoods.has(id)) return Promise.resolve();
    const pending = this.loading.get(id) ?? this.fetch(id).finally(() => this.loading.delete(id));
    this.loading.set(id, pending);
    return pending;
  }

  private async fetch(id: string): Promise<void> {
    try {
      const sub = await api.neighbourhood(id, { depth: 1 });
      this.neighbourhoods = new Map(this.neighbourhoods).set(id, sub);
      this.error = undefined;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  /** Opens the start node when the address names nothing to show, and loads what the view shows. */
  loadView(): void {
    if (!view.current.node && view.current.expanded.length === 0) view.update({ node: START_NODE, expanded: [START_NODE] });
    for (const id of view.current.expanded) void this.load(id);
    if (view.current.node) void this.load(view.current.node);
  }

  private change(patch: Partial<Snapshot>): void {
    const { node, expanded, hidden } = view.current;
    this.history = [...this.history.slice(-49), { node, expanded, hidden }];
    view.update(patch);
  }

  /** Start afresh from one node (the search box). */
  open(id: string): void {
    this.change({ node: id, expanded: [id], hidden: [] });
    void this.load(id);
  }

  select(id: string | undefined): void {
    view.update({ node: id });
    if (id) void this.load(id);
  }

  /** Select a node and make sure it and its neighbours are on the graph. */
  follow(id: string): void {
    const { expanded, hidden } = view.current;
    this.change({ node: id, expanded: expanded.includes(id) ? expanded : [...expanded, id], hidden: hidden.filter((h) => h !== id) });
    void this.load(id);
  }

  expand(id: string): void {
    if (!view.current.expanded.includes(id)) this.change({ expanded: [...view.current.expanded, id] });
    void this.load(id);
  }

  collapse(id: string): void {
    this.change({ expanded: view.current.expanded.filter((e) => e !== id) });
  }

  hide(id: string): void {
    const { node, hidden } = view.current;
    this.change({ hidden: [...hidden, id], node: node === id ? undefined : node });
  }

  showHidden(): void {
    this.change({ hidden: [] });
  }

  undo(): void {
    const previous = this.history.at(-1);
    if (!previous) return;
    this.history = this.history.slice(0, -1);
    view.update(previous);
  }

  toggleType(type: NodeType): void {
    const next = new Set(this.hiddenTypes);
    if (!next.delete(type)) next.add(type);
    this.hiddenTypes = next;
  }

  toggleRelation(type: RelationType): void {
    const next = new Set(this.hiddenRelations);
    if (!next.delete(type)) next.add(type);
    this.hiddenRelations = next;
  }
}

export const explorer = new ExplorerStore();
