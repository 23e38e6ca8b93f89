// The bench page: N elements of the (synthetic) graph, drawn as the client's
// GraphView draws them — its stylesheet, its element mapping and its force
// layout (fcose) — but without the rest of the app, so any size can be asked
// for. GET /elements.json?n=… (served by bench/ui-phase.ts) gives the nodes
// and edges; the timings are read by the hook that bench/ui-phase.ts injects.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { forceLayout } from '../../client/src/lib/graph/layouts.ts';
import { edgeElement, nodeElement } from '../../client/src/lib/graph/model.ts';
import { graphStylesheet } from '../../client/src/lib/graph/stylesheet.ts';
import type { GraphEdge, GraphNode } from '../../client/src/lib/types.ts';

cytoscape.use(fcose);

async function draw(): Promise<void> {
  const response = await fetch(`/elements.json${location.search}`);
  const { nodes, edges } = (await response.json()) as { nodes: GraphNode[]; edges: GraphEdge[] };
  const container = document.getElementById('graph')!;
  const cy = cytoscape({ container, style: graphStylesheet, minZoom: 0.1, maxZoom: 3, boxSelectionEnabled: false });
  cy.add([...nodes.map((node) => nodeElement(node, { x: 0, y: 0 })), ...edges.map(edgeElement)]);
  cy.layout(forceLayout(false)).run();
}

void draw();
