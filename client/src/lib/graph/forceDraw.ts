// How a force layout reaches the screen. A new view is laid out by fcose on
// the boxes of its nodes (fcose-boxes below), in short tasks, and drawn in
// one frame with the nodes in place. Large views are
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
import cytoscape, { type Collection, type Core, type EdgeCollection, type LayoutOptions, type Layouts, type NodeSingular, type Position } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { layoutKey, layoutRecorder, recordedPlacement, recordLayout } from './firstLayouts.ts';
import { DRAFT_LAYOUT, FORCE_LAYOUT, FRESH_LAYOUT } from './layouts.ts';
import type { GraphModel } from './model.ts';

cytoscape.use(fcose);

interface Box {
  w: number;
  h: number;
  /** from the box's centre to the node's */
  dx: number;
  dy: number;
}

interface BoxedLayout {
  options: LayoutOptions & { eles: Collection; cy: Core };
  timer?: ReturnType<typeof setTimeout>;
  batching?: boolean;
  emit(event: string): void;
}

/**
 * fcose on boxes, in three tasks so that none is long: each node is measured
 * once, its shape and label together as fcose measures it; then fcose runs on
 * a headless copy where every node is that box (or, for a mode's default view
 * that was recorded, its recorded layout is taken: firstLayouts.ts);
 * then the nodes of the view are moved, once. Nothing is drawn meanwhile (the view is batched): the first
 * frame shows the nodes in place. Run on the view itself, fcose had Cytoscape
 * compute every edge's curve for the random start and recheck styles and
 * bounding boxes at each move, all in one task.
 */
function BoxedFcose(this: BoxedLayout, options: BoxedLayout['options']): void {
  this.options = options;
}

function boxOf(node: NodeSingular): Box {
  const box = node.boundingBox();
  const { x, y } = node.position();
  // The centre of a node is above the centre of its box, its label being below it.
  return { w: box.w, h: box.h, dx: x - (box.x1 + box.x2) / 2, dy: y - (box.y1 + box.y2) / 2 };
}

type ScratchNode = { id: string; w?: number; h?: number };
type ScratchEdge = { id: string; source: string; target: string };

/** A layout's positions on a headless copy of the view that holds only ids (and box sizes when `style` is given): nothing else to measure. */
function scratchPositions(nodes: ScratchNode[], edges: ScratchEdge[], layout: LayoutOptions, style?: cytoscape.StylesheetJson): Map<string, Position> {
  const scratch = cytoscape({ headless: true, styleEnabled: style !== undefined, style });
  scratch.add([...nodes.map((data) => ({ group: 'nodes' as const, data })), ...edges.map((data) => ({ group: 'edges' as const, data }))]);
  scratch.layout(layout).run();
  const positions = new Map(scratch.nodes().map((node) => [node.id(), { ...node.position() }]));
  scratch.destroy();
  return positions;
}

/** fcose's positions of the boxes' centres, every node being its box. */
function placeBoxes(boxes: Map<string, Box>, edges: EdgeCollection, options: LayoutOptions): Map<string, Position> {
  return scratchPositions(
    [...boxes].map(([id, box]) => ({ id, w: box.w, h: box.h })),
    edges.map((edge) => ({ id: edge.id(), source: edge.source().id(), target: edge.target().id() })),
    { ...options, name: 'fcose', nodeDimensionsIncludeLabels: false, animate: false, fit: false } as LayoutOptions,
    [{ selector: 'node', style: { shape: 'rectangle', width: 'data(w)', height: 'data(h)', 'border-width': 0, padding: '0' } }],
  );
}

BoxedFcose.prototype.run = function (this: BoxedLayout) {
  const { eles, cy, ...options } = this.options;
  const nodes = eles.nodes();
  cy.startBatch();
  this.batching = true;
  const boxes = new Map(nodes.map((node) => [node.id(), boxOf(node)]));
  this.timer = setTimeout(() => {
    const links = eles.edges().map((edge): [string, string] => [edge.source().id(), edge.target().id()]);
    const looks = new Map(nodes.map((node) => [node.id(), { type: String(node.data('type')), display: String(node.data('display') ?? '') }]));
    const recorder = layoutRecorder();
    const recorded = recorder?.bypass ? undefined : recordedPlacement(looks, links);
    const placed = recorded ?? placeBoxes(boxes, eles.edges(), options);
    recorder?.push({ ...recordLayout(layoutKey(looks, links), placed), fromRecord: recorded !== undefined });
    this.timer = setTimeout(() => {
      this.timer = undefined;
      endBatch(this);
      const at = (node: NodeSingular) => {
        const { x, y } = placed.get(node.id())!;
        const box = boxes.get(node.id())!;
        return { x: x + box.dx, y: y + box.dy };
      };
      nodes.layoutPositions(this as never, { ...this.options, animate: false } as never, at);
    });
  });
  return this;
};

/** Stopped before its end (a newer layout, the view closed): nothing moves, and it says it has stopped. */
BoxedFcose.prototype.stop = function (this: BoxedLayout) {
  if (this.timer === undefined) return this;
  clearTimeout(this.timer);
  this.timer = undefined;
  endBatch(this);
  this.emit('layoutstop');
  return this;
};

function endBatch(layout: BoxedLayout): void {
  if (!layout.batching) return;
  layout.batching = false;
  if (!layout.options.cy.destroyed()) layout.options.cy.endBatch();
}

cytoscape('layout', 'fcose-boxes', BoxedFcose);

const LARGE_VIEW_NODES = 1000;
const PADDING = 40;

/** fcose's draft (spectral) positions, computed without styles: node sizes and labels are not measured. */
function draftPositions(model: GraphModel): Map<string, Position> {
  return scratchPositions(
    model.nodes.map((node) => ({ id: node.id })),
    model.edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target })),
    DRAFT_LAYOUT,
  );
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

/**
 * Lays the graph out with fcose; `incremental`: the view only grew, so fcose starts from the current positions and animates.
 * `done` is called when the nodes are in place (now, or a few tasks later); the layout is returned, to be stopped if the view changes first.
 */
export function drawForce(core: Core, model: GraphModel, incremental: boolean, done?: () => void): Layouts {
  if (model.nodes.length <= LARGE_VIEW_NODES) {
    const layout = core.layout(incremental ? FORCE_LAYOUT : FRESH_LAYOUT);
    if (done) layout.one('layoutstop', done);
    return layout.run();
  }
  core.elements().addClass('dense');
  const layout = core.layout({ name: 'preset', positions: Object.fromEntries(draftPositions(model)), fit: false }).run();
  fitNodeCentres(core);
  done?.();
  return layout;
}
