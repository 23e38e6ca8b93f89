// The Cytoscape stylesheet: node types from NODE_STYLES, French edge labels,
// and the emphasis classes that paint routes and the formation walk.
import type { StylesheetJson } from 'cytoscape';
import { EMPHASIS_COLOURS, NODE_STYLES } from './nodeStyles.ts';

/** The graph's labels and the export frame's texts share it: the font shipped with the client (graphFont.ts), then the system's. */
export const GRAPH_FONT = '"Noto Sans", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** The labels' size at zoom 1, in CSS pixels: the smallest a person reads on a screen at arm's length. */
export const LABEL_PX = 12;
/** The smallest label a room reads from its back row, in CSS pixels (Formation, the explorer's presentation mode). */
export const PRESENTER_LABEL_PX = 20;

const byType: StylesheetJson = Object.entries(NODE_STYLES).map(([type, style]) => ({
  selector: `node[type = "${type}"]`,
  style: { 'background-color': style.colour, shape: style.shape, width: style.size, height: style.size },
}));

export const graphStylesheet: StylesheetJson = [
  {
    selector: 'node',
    style: {
      'font-family': GRAPH_FONT,
      'font-size': LABEL_PX,
      color: '#1b1f23',
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': '150px',
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
      'border-width': 1.5,
      'border-color': '#ffffff',
      // Zoomed out below 12 px, labels are hidden rather than drawn too small to read.
      'min-zoomed-font-size': LABEL_PX,
    },
  },
  { selector: 'node[display]', style: { label: 'data(display)' } },
  ...byType,
  // A replaced article keeps a red dashed outline wherever it is drawn.
  { selector: 'node[?replaced]', style: { 'border-color': '#c62828', 'border-width': 3, 'border-style': 'dashed' } },
  {
    selector: 'edge',
    style: {
      width: 1.4,
      'line-color': '#9aa0a8',
      'target-arrow-color': '#9aa0a8',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.9,
      'curve-style': 'bezier',
      'font-family': GRAPH_FONT,
      'font-size': LABEL_PX,
      color: '#3d434a',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
      'min-zoomed-font-size': LABEL_PX,
    },
  },
  // Relations are named where the eye is: around the selected or hovered node and at the walk's current step.
  { selector: 'edge[label].labelled, edge[label].current', style: { label: 'data(label)' } },
  // A group of folded leaves: a stack of its type's shape, unfolded by a tap.
  { selector: 'node.folded', style: { 'border-width': 3, 'border-color': '#1b1f23', 'border-style': 'double', 'font-style': 'italic' } },
  { selector: 'node:selected', style: { 'border-color': EMPHASIS_COLOURS.selected, 'border-width': 4, 'border-style': 'solid' } },
  // Dimmed, not gone: the shape at half strength, the label at full contrast (readable on a projector).
  { selector: 'node.closed, node.ahead', style: { 'background-opacity': 0.5, 'border-opacity': 0.5, color: '#3d434a' } },
  { selector: 'edge.closed, edge.ahead', style: { opacity: 0.5 } },
  { selector: 'node.open', style: { 'border-color': EMPHASIS_COLOURS.open, 'border-width': 4 } },
  { selector: 'edge.open', style: { width: 4, 'line-color': EMPHASIS_COLOURS.open, 'target-arrow-color': EMPHASIS_COLOURS.open } },
  { selector: 'node.undetermined', style: { 'border-color': EMPHASIS_COLOURS.undetermined, 'border-width': 3, 'border-style': 'dashed' } },
  {
    selector: 'edge.undetermined',
    style: { width: 2.5, 'line-style': 'dashed', 'line-color': EMPHASIS_COLOURS.undetermined, 'target-arrow-color': EMPHASIS_COLOURS.undetermined },
  },
  { selector: 'node.visited', style: { 'border-color': EMPHASIS_COLOURS.open, 'border-width': 3 } },
  { selector: 'edge.visited', style: { width: 3, 'line-color': EMPHASIS_COLOURS.open, 'target-arrow-color': EMPHASIS_COLOURS.open } },
  { selector: 'node.traced', style: { 'border-color': EMPHASIS_COLOURS.traced, 'border-width': 3 } },
  { selector: 'edge.traced', style: { width: 3, 'line-color': EMPHASIS_COLOURS.traced, 'target-arrow-color': EMPHASIS_COLOURS.traced } },
  {
    selector: 'node.current',
    style: { 'border-color': EMPHASIS_COLOURS.current, 'border-width': 6, 'font-size': 14, 'font-weight': 'bold', 'z-index': 10 },
  },
  { selector: 'edge.current', style: { width: 5, 'line-color': EMPHASIS_COLOURS.current, 'target-arrow-color': EMPHASIS_COLOURS.current } },
  // What rests on the explorer's node: a thick double outline, its relations thick (not colour alone).
  { selector: 'node.dependant', style: { 'border-color': EMPHASIS_COLOURS.dependant, 'border-width': 6, 'border-style': 'double' } },
  { selector: 'edge.dependant', style: { width: 3.5, 'line-color': EMPHASIS_COLOURS.dependant, 'target-arrow-color': EMPHASIS_COLOURS.dependant } },
  // « Et si… ? »: what a reform takes away is dashed red and faded (a replaced article's outline is dashed too, but
  // thinner and on a full shape), what it brings solid green and thick, what it changes dotted.
  { selector: 'node.lost', style: { 'border-color': EMPHASIS_COLOURS.lost, 'border-width': 5, 'border-style': 'dashed', 'background-opacity': 0.35 } },
  {
    selector: 'edge.lost',
    style: { width: 3, 'line-style': 'dashed', 'line-dash-pattern': [8, 5], 'line-color': EMPHASIS_COLOURS.lost, 'target-arrow-color': EMPHASIS_COLOURS.lost },
  },
  { selector: 'node.gained', style: { 'border-color': EMPHASIS_COLOURS.gained, 'border-width': 5, 'border-style': 'solid' } },
  {
    selector: 'edge.gained',
    style: { width: 4.5, 'line-style': 'solid', 'line-color': EMPHASIS_COLOURS.gained, 'target-arrow-color': EMPHASIS_COLOURS.gained },
  },
  { selector: 'node.changed', style: { 'border-color': EMPHASIS_COLOURS.changed, 'border-width': 4, 'border-style': 'dotted' } },
  {
    selector: 'edge.changed',
    style: { width: 3, 'line-style': 'dotted', 'line-color': EMPHASIS_COLOURS.changed, 'target-arrow-color': EMPHASIS_COLOURS.changed },
  },
  // In layers (left to right) labels sit beside their node, so a layer stays narrow in height; the
  // relation leaving a node runs under its label, not through its words.
  {
    selector: 'node.label-beside',
    style: {
      'text-valign': 'center',
      'text-halign': 'right',
      'text-margin-x': 5,
      'text-margin-y': 0,
      'text-background-color': '#fbfbfc',
      'text-background-opacity': 1,
      'text-background-padding': '2px',
    },
  },
  // For a room (GraphView's compact layers): labels beside their node in a narrower column, so that layers are narrower.
  { selector: 'node[narrow].label-beside.label-narrow', style: { label: 'data(narrow)' } },
  { selector: '.rank-guide', style: { display: 'none' } },
  // A view of thousands of elements (see forceDraw.ts) is a shape, not a text: no labels, straight
  // edges without arrows, the cheapest things Cytoscape draws.
  { selector: 'node.dense', style: { label: '', 'border-width': 0 } },
  { selector: 'edge.dense', style: { label: '', 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none', width: 1 } },
];
