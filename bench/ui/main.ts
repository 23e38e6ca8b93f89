// The bench page: N elements of the (synthetic) graph, drawn as the client's
// GraphView draws them — its stylesheet, its element mapping and its force
// layout (draft frame, then fcose) — but without the rest of the app, so any
// size can be asked for. GET /elements.json?view=… (served by bench/ui-phase.ts)
// gives the nodes and edges; the timings are read by the hook that
// bench/ui-phase.ts injects.
import cytoscape from 'cytoscape';
import { drawForce } from '../../client/src/lib/graph/forceDraw.ts';
import { graphFontReady } from '../../client/src/lib/graph/graphFont.ts';
import { edgeElement, nodeElement } from '../../client/src/lib/graph/model.ts';
import { graphStylesheet } from '../../client/src/lib/graph/stylesheet.ts';
import type { GraphEdge, GraphNode } from '../../client/src/lib/types.ts';

async function draw(): Promise<void> {
  const response = await fetch(`/elements.json${location.search}`);
  const [model] = (await Promise.all([response.json(), graphFontReady()])) as [{ nodes: GraphNode[]; edges: GraphEdge[] }, void];
  const container = document.getElementById('graph')!;
  const cy = cytoscape({ container, style: graphStylesheet, minZoom: 0.1, maxZoom: 3, boxSelectionEnabled: false });
  cy.add([...model.nodes.map((node) => nodeElement(node, { x: 0, y: 0 })), ...model.edges.map(edgeElement)]);
  drawForce(cy, model, false);
}

void draw();
