// One colour and one shape per node type: the graph, its legend and the SVG
// export all draw from this table, so they cannot disagree. Shape and colour
// both differ, so the types stay apart for colour-blind readers and in print.
import type { NodeType } from '../types.ts';

export type NodeShape = 'ellipse' | 'rectangle' | 'round-rectangle' | 'triangle' | 'diamond' | 'pentagon' | 'hexagon' | 'octagon' | 'star' | 'tag' | 'vee';

export interface NodeStyle {
  colour: string;
  shape: NodeShape;
  size: number;
}

export const NODE_STYLES: Record<NodeType, NodeStyle> = {
  Instrument: { colour: '#1f3a68', shape: 'round-rectangle', size: 34 },
  Provision: { colour: '#2f6db5', shape: 'rectangle', size: 30 },
  CaseLaw: { colour: '#6a3d9a', shape: 'hexagon', size: 30 },
  Exception: { colour: '#a86b00', shape: 'diamond', size: 34 },
  Limit: { colour: '#c62828', shape: 'octagon', size: 30 },
  Condition: { colour: '#6b7280', shape: 'pentagon', size: 20 },
  ConditionGroup: { colour: '#9aa1a9', shape: 'diamond', size: 18 },
  Duty: { colour: '#00838f', shape: 'tag', size: 26 },
  Recipient: { colour: '#2e7d32', shape: 'triangle', size: 32 },
  Profession: { colour: '#d0611a', shape: 'ellipse', size: 32 },
  Offence: { colour: '#8d2f2f', shape: 'vee', size: 26 },
  Situation: { colour: '#c2185b', shape: 'star', size: 30 },
  SituationKind: { colour: '#5d4037', shape: 'round-rectangle', size: 30 },
};

/** Path emphasis colours, also used by the text lists next to the graph. */
export const EMPHASIS_COLOURS = {
  open: '#1b7a34',
  undetermined: '#a15c00',
  current: '#0b3d91',
  /** the steps walked on a route that is not open: a trace, not « Chemin ouvert » */
  traced: '#4a5868',
  selected: '#111111',
  /** what rests on the selected node: a double outline */
  dependant: '#6a1b9a',
  /** a reform's marks: lost dashed, gained solid and thick, changed dotted */
  lost: '#c62828',
  gained: '#1b7a34',
  changed: '#8a4b00',
};
