// The explorer's graph: the union of the neighbourhoods of the nodes the user
// expanded, minus what they hid, through the type and relation filters. What
// is expanded or hidden lives in the URL (view); neighbourhoods are cached here.
import { api, ApiRequestError } from '../api.ts';
import { isReplaced, type Emphasis, type GraphModel } from '../graph/model.ts';
import type { GraphEdge, GraphNode, NodeType, PathsResult, RelationType, Subgraph } from '../types.ts';
import { reformOverlay, type ReformOverlay } from '../reform.ts';
import { catalogue } from './catalogue.svelte.ts';
import { impact } from './impact.svelte.ts';
import { view } from './view.svelte.ts';

interface Snapshot {
  node?: string;
  expanded: string[];
  hidden: string[];
}

export const START_NODE = 'cp-458';

export type ArticleStatus = 'in_force' | 'replaced';

class ExplorerStore {
  neighbourhoods = $state.raw(new Map<string, Subgraph>());
  hiddenTypes = $state.raw(new Set<NodeType>());
  hiddenRelations = $state.raw(new Set<RelationType>());
  hiddenStatuses = $state.raw(new Set<ArticleStatus>());
  /** the paths found by the path finder, drawn over the graph until cleared */
  paths = $state.raw<PathsResult>();
  pathsLoading = $state(false);
  error = $state<string>();
  private history = $state.raw<Snapshot[]>([]);
  /** Requests in flight, so a neighbourhood asked for twice is fetched once. */
  private loading = new Map<string, Promise<void>>();
  canUndo = $derived(this.history.length > 0);

  /** « Et si… ? »: what the simulated reform does to the graph (its nodes are drawn, its marks painted) */
  overlay: ReformOverlay | undefined = $derived.by(() => {
    if (!impact.result) return undefined;
    const known = [...this.neighbourhoods.values()].flatMap((sub) => sub.edges);
    return reformOverlay(impact.result, (id) => catalogue.node(id), known);
  });

  /** What rests on the selected node, when painted: the node, the exceptions whose routes use it, their recipients. */
  dependantNodes: Set<string> = $derived.by(() => {
    const found = impact.highlight ? impact.dependants : undefined;
    if (!found) return new Set();
    const ids = new Set([found.node.id]);
    for (const p of found.professions) {
      ids.add(p.profession.id);
      for (const a of p.answers) {
        ids.add(a.recipient.id);
        a.routes.forEach((r) => ids.add(r));
      }
    }
    for (const s of found.situations) ids.add(s.id);
    return ids;
  });

  /** The nodes the overlays bring whose relations are to be drawn: their neighbourhoods are loaded (ExplorerView). */
  anchors: string[] = $derived.by(() => {
    const found = impact.highlight ? impact.dependants : undefined;
    const exceptions = found ? found.professions.flatMap((p) => p.answers.flatMap((a) => a.routes)) : [];
    const fromReform = this.overlay?.nodes.filter((id) => {
      const type = catalogue.node(id)?.type;
      return type === 'Exception' || type === 'Provision' || type === 'CaseLaw';
    });
    return [...new Set([...exceptions, ...(fromReform ?? [])])];
  });

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
    // The overlays' nodes are drawn whatever the filters, with the relations their neighbourhoods know.
    const brought = new Set<string>();
    const bring = (id: string) => {
      const found = catalogue.node(id);
      if (!found) return;
      nodes.set(id, found);
      brought.add(id);
    };
    for (const id of this.overlay?.nodes ?? []) bring(id);
    // A profession is painted where it is drawn, not brought: a provision may rest under dozens of them.
    for (const id of this.dependantNodes) if (catalogue.node(id)?.type !== 'Profession') bring(id);
    for (const id of this.anchors) for (const e of this.neighbourhoods.get(id)?.edges ?? []) if (nodes.has(e.source) && nodes.has(e.target)) edges.set(e.id, e);
    for (const e of this.overlay?.newEdges ?? []) edges.set(e.id, e);
    const onPath = new Set<string>();
    for (const path of this.paths?.paths ?? []) {
      for (const n of path.nodes) {
        nodes.set(n.id, n);
        onPath.add(n.id);
      }
      path.edges.forEach((e) => edges.set(e.id, e));
    }
    const shown = [...nodes.values()].filter(
      (n) => onPath.has(n.id) || brought.has(n.id) || (!hidden.includes(n.id) && !this.hiddenTypes.has(n.type) && this.statusShown(n)),
    );
    const ids = new Set(shown.map((n) => n.id));
    return {
      nodes: shown,
      edges: [...edges.values()].filter((e) => ids.has(e.source) && ids.has(e.target) && !this.hiddenRelations.has(e.type)),
    };
  });

  /** The path finder's paths painted on the graph: their nodes and relations open, the rest as drawn. */
  emphasis: Map<string, Emphasis> | undefined = $derived.by(() => {
    if (!this.paths?.paths.length) return this.impactEmphasis;
    const on = new Set(this.paths.paths.flatMap((p) => [...p.nodes.map((n) => n.id), ...p.edges.map((e) => e.id)]));
    return new Map([...this.graph.nodes.map((n) => n.id), ...this.graph.edges.map((e) => e.id)].map((id) => [id, on.has(id) ? 'open' : 'closed']));
  });

  /**
   * What the graph frames of the paths found, from what must show to what should if it can at a readable
   * size: the two ends; with the first path; with each next path; every path.
   */
  pathFocus: string[][] | undefined = $derived.by(() => {
    const found = this.paths;
    if (!found?.paths.length) return undefined;
    const framing: string[][] = [[found.from, found.to]];
    for (const path of found.paths) framing.push([...new Set([...framing[framing.length - 1]!, ...path.nodes.map((n) => n.id)])]);
    return framing;
  });

  /** A reform's marks over what rests on the node: both only on what is drawn. */
  private impactEmphasis: Map<string, Emphasis> | undefined = $derived.by(() => {
    if (!this.overlay && !this.dependantNodes.size) return undefined;
    const drawn = new Set([...this.graph.nodes.map((n) => n.id), ...this.graph.edges.map((e) => e.id)]);
    const marks = new Map<string, Emphasis>();
    const on = this.dependantNodes;
    for (const id of on) if (drawn.has(id)) marks.set(id, 'dependant');
    for (const e of this.graph.edges) if (on.has(e.source) && on.has(e.target)) marks.set(e.id, 'dependant');
    for (const [id, mark] of this.overlay?.marks ?? []) if (drawn.has(id)) marks.set(id, mark);
    return marks.size ? marks : undefined;
  });

  private statusShown(node: GraphNode): boolean {
    if (!('status' in node) || !node.status) return true;
    return !this.hiddenStatuses.has(isReplaced(node) ? 'replaced' : 'in_force');
  }

  private pathsTicket = 0;

  /** The paths between the ends the URL names (de, vers): fetched when they change, none without both. */
  async showPaths(from: string | undefined, to: string | undefined): Promise<void> {
    if (this.paths && this.paths.from === from && this.paths.to === to) return;
    const ticket = ++this.pathsTicket;
    this.paths = undefined;
    if (!from || !to) return;
    this.pathsLoading = true;
    try {
      const found = await api.paths(from, to);
      if (ticket !== this.pathsTicket) return;
      this.paths = found;
      this.error = undefined;
    } catch (err) {
      if (ticket === this.pathsTicket) this.error = err instanceof Error ? err.message : String(err);
    } finally {
      if (ticket === this.pathsTicket) this.pathsLoading = false;
    }
  }

  /** A path search is a step of history, and its ends are in the link. */
  findPaths(from: string, to: string): void {
    view.update({ pathFrom: from, pathTo: to });
  }

  clearPaths(): void {
    view.update({ pathFrom: undefined, pathTo: undefined });
  }

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
      // A link naming a node the graph does not have: say which, and that it is not shown.
      if (err instanceof ApiRequestError && (err.status === 404 || err.code.startsWith('unknown_')))
        this.error = `Le lien demande le nœud « ${id} », que le graphe de Secretum ne connaît pas : il n’est pas affiché. Cherchez une disposition ci-dessus, ou ouvrez la vue d’ensemble.`;
      else this.error = err instanceof Error ? err.message : String(err);
    }
  }

  /** Opens the start node when the address names nothing to show (and not the summary), and loads what the view shows. */
  loadView(): void {
    if (view.current.overview) return;
    if (!view.current.node && view.current.expanded.length === 0) view.update({ node: START_NODE, expanded: [START_NODE] }, { replace: true });
    for (const id of view.current.expanded) void this.load(id);
    if (view.current.node) void this.load(view.current.node);
  }

  private change(patch: Partial<Snapshot> & { overview?: boolean }): void {
    const { node, expanded, hidden } = view.current;
    this.history = [...this.history.slice(-49), { node, expanded, hidden }];
    // Each step is an entry of the browser's history: Back and Forward walk the exploration.
    view.update(patch);
  }

  /** Start afresh from one node (the search box, a node of the summary): a step of history, so Back returns. */
  open(id: string): void {
    this.change({ node: id, expanded: [id], hidden: [], overview: false });
    void this.load(id);
  }

  /** « Vue d'ensemble » on or off, as a step of history. */
  setOverview(on: boolean): void {
    view.update({ overview: on });
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
    view.update(previous, { replace: true });
  }

  toggleType(type: NodeType): void {
    const next = new Set(this.hiddenTypes);
    if (!next.delete(type)) next.add(type);
    this.hiddenTypes = next;
  }

  toggleStatus(status: ArticleStatus): void {
    const next = new Set(this.hiddenStatuses);
    if (!next.delete(status)) next.add(status);
    this.hiddenStatuses = next;
  }

  toggleRelation(type: RelationType): void {
    const next = new Set(this.hiddenRelations);
    if (!next.delete(type)) next.add(type);
    this.hiddenRelations = next;
  }
}

export const explorer = new ExplorerStore();
