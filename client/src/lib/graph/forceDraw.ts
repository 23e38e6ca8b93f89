// How a force layout reaches the screen. fcose lays out on the visible
// instance, so its label-aware result is drawn in one frame. Large views are
// different: fcose there measures every element (styles, labels, edge curves)
// with the nodes piled up, then its spring phase grows faster than linearly
// (minutes at 3,600 nodes): 10,000 elements never rendered. Above
// LARGE_VIEW_NODES the view is drawn on fcose's draft (spectral) positions,
// computed on a style-less copy of the graph where nothing needs measuring,
// and fitted on node centres; labels are too small to read at that scale anyway.
// (Drawing a draft first and refining it after was tried for every size: the
// first frame came no sooner, since drawing costs more than fcose here, and
// moving the nodes after the first frame disabled Cytoscape's layer cache:
// panning 2,000 elements fell from 60 to 5 frames/s.)
import cytoscape, { type Core, type Position } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { DRAFT_LAYOUT, FORCE_LAYOUT, FRESH_LAYOUT } from './layouts.ts';
import type { GraphModel } from './model.ts';

cytoscape.use(fcose);

const LARGE_VIEW_NODES = 1000;
const PADDING = 40;

/** fcose's draft (spectral) positions, computed without styles: node sizes and labels are not measured. */
function draftPositions(model: GraphModel): Map<string, Position> {
  const scratch = cytoscape({ headless: true, styleEnabled: false });
  scratch.add([
    ...model.nodes.map((node) => ({ group: 'nodes' as const, data: { id: node.id } })),
    ...model.edges.map((edge) => ({ group: 'edges' as const, data: { id: edge.id, source: edge.source, target: edge.target } })),
  ]);
  scratch.layout(DRAFT_LAYOUT).run();
  const positions = new Map(scratch.nodes().map((node) => [node.id(), { ...node.position() }]));
  scratch.destroy();
  return positions;
}

/** Fits the viewport to the node centres (plus the largest node and a label's height), without measuring any element. */
function fitNodeCentres(core: Core): void {
  const nodes = core.nodes();
  if (nodes.empty()) return;
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  nodes.forEach((node) => {
    const { x, y } = node.position();
    [x1, y1, x2, y2] = [Math.min(x1, x), Math.min(y1, y), Math.max(x2, x), Math.max(y2, y)];
  });
  const margin = PADDING + 40;
  const zoom = Math.min(core.width() / (x2 - x1 + 2 * margin), core.height() / (y2 - y1 + 2 * margin));
  const clamped = Math.max(core.minZoom(), Math.min(core.maxZoom(), zoom));
  core.viewport({ zoom: clamped, pan: { x: core.width() / 2 - (clamped * (x1 + x2)) / 2, y: core.height() / 2 - (clamped * (y1 + y2)) / 2 } });
}

/** Lays the graph out with fcose; `incremental`: the view only grew, so fcose starts from the current positions and animates. */
export function drawForce(core: Core, model: GraphModel, incremental: boolean): void {
  if (model.nodes.length <= LARGE_VIEW_NODES) return void core.layout(incremental ? FORCE_LAYOUT : FRESH_LAYOUT).run();
  core.elements().addClass('dense');
  core.layout({ name: 'preset', positions: Object.fromEntries(draftPositions(model)), fit: false }).run();
  fitNodeCentres(core);
}
