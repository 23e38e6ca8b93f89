import { describe, expect, it } from 'vitest';
import { layeredGuides } from '../../../client/src/lib/graph/layouts.ts';
import { graphOfElements, wrapLabel } from '../../../client/src/lib/graph/model.ts';
import { emphasisOfRoutes, framingOfRoute } from '../../../client/src/lib/graph/routeEmphasis.ts';
import { renderSvg } from '../../../client/src/lib/graph/svg.ts';
import type { GraphNode } from '../../../client/src/lib/types.ts';
import { edgeRef } from './edgeRef.ts';

const node = (id: string, type: GraphNode['type']) => ({ id, type, label: id }) as GraphNode;

describe('graph elements from route answers', () => {
  it('merges several routes and drops edges whose ends are unknown', () => {
    const nodes = new Map([
      ['tms', node('tms', 'Profession')],
      ['exc', node('exc', 'Exception')],
    ]);
    const graph = graphOfElements(
      [
        { nodes: ['tms', 'exc'], edges: [edgeRef('exc', 'APPLIES_TO', 'tms')] },
        { nodes: ['exc', 'ghost'], edges: [edgeRef('exc', 'PERMITS_DISCLOSURE_TO', 'ghost')] },
      ],
      (id) => nodes.get(id),
    );
    expect(graph.nodes.map((n) => n.id)).toEqual(['tms', 'exc']);
    expect(graph.edges.map((e) => e.id)).toEqual(['exc-[APPLIES_TO]->tms']);
  });

  it('wraps labels on words, three lines at most', () => {
    expect(wrapLabel('Art. 458bis Code pénal')).toBe('Art. 458bis Code pénal');
    expect(wrapLabel('un deux trois quatre cinq six sept huit neuf dix onze douze treize', 10).split('\n')).toHaveLength(3);
  });
});

describe('route emphasis', () => {
  it('paints an element shared by an open and a closed route as open', () => {
    const emphasis = emphasisOfRoutes([
      { status: 'closed', elements: { nodes: ['tms', 'x'], edges: [] } },
      { status: 'open', elements: { nodes: ['tms', 'y'], edges: [edgeRef('tms', 'IS_A', 'y')] } },
    ]);
    expect(Object.fromEntries(emphasis)).toEqual({ tms: 'open', x: 'closed', y: 'open', 'tms-[IS_A]->y': 'open' });
  });
});

describe('layered guides', () => {
  it('holds each node between the anchors of its layer and orients relations from law towards recipient', () => {
    const guides = layeredGuides(
      [node('cp-458', 'Provision'), node('exc', 'Exception'), node('saj', 'Recipient')],
      [
        { source: 'exc', target: 'cp-458' },
        { source: 'exc', target: 'saj' },
      ],
    );
    const edges = guides.filter((g) => g.group === 'edges').map((g) => g.data);
    expect(edges).toContainEqual(expect.objectContaining({ source: 'rank-guide:anchor:0', target: 'cp-458', minLen: 1 }));
    expect(edges).toContainEqual(expect.objectContaining({ source: 'saj', target: 'rank-guide:anchor:3', minLen: 1 }));
    // DEROGATES_FROM points exception → article; the guide points article → exception.
    expect(edges).toContainEqual(expect.objectContaining({ source: 'cp-458', target: 'exc', minLen: 2 }));
    expect(guides.every((g) => g.classes === 'rank-guide')).toBe(true);
  });
});

describe('SVG export', () => {
  it('writes shapes, curved edges with arrows and escaped labels', () => {
    const svg = renderSvg({
      frame: {
        title: 'Graphe <test>',
        legend: [{ label: 'Article', shape: 'rectangle', colour: '#2f6db5' }],
        source: 'Source : brochure.',
        date: 'Exporté le 1 décembre 2026',
      },
      nodes: [
        {
          x: 0,
          y: 0,
          width: 30,
          height: 30,
          shape: 'diamond',
          fill: '#a86b00',
          stroke: '#fff',
          strokeWidth: 1,
          dashed: false,
          opacity: 1,
          label: 'A & B',
          fontSize: 12,
          bold: false,
          labelBeside: false,
        },
        {
          x: 200,
          y: 0,
          width: 30,
          height: 30,
          shape: 'ellipse',
          fill: '#d0611a',
          stroke: '#fff',
          strokeWidth: 1,
          dashed: true,
          opacity: 1,
          label: 'C',
          fontSize: 12,
          bold: true,
          labelBeside: true,
        },
      ],
      edges: [
        {
          source: { x: 15, y: 0 },
          target: { x: 185, y: 0 },
          middle: { x: 100, y: 10 },
          colour: '#999',
          width: 1,
          dashed: false,
          opacity: 1,
          label: 'renvoie à',
        },
      ],
    });
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('<title>Graphe &lt;test&gt;</title>');
    expect(svg).toContain('<polygon points="0,-15 15,0 0,15 -15,0"');
    expect(svg).toContain('<ellipse cx="200"');
    expect(svg).toContain('marker-end="url(#arrow-0)"');
    expect(svg).toContain('>A &amp; B</tspan>');
    expect(svg).toContain('Q100,20 185,0');
  });

  it('frames the graph with its title, legend, source and date', () => {
    const svg = renderSvg({
      frame: {
        title: 'Voies',
        legend: [{ label: 'Article', shape: 'rectangle', colour: '#2f6db5' }],
        source: 'Source : brochure.',
        date: 'Exporté le 1 décembre 2026',
      },
      nodes: [],
      edges: [],
    });
    expect(svg).toContain('>Voies</tspan>');
    expect(svg).toContain('>Article</tspan>');
    expect(svg).toContain('>Source : brochure.</tspan>');
    expect(svg).toContain('>Exporté le 1 décembre 2026</tspan>');
  });
});

describe('what Évaluer frames of the route its verdict rests on', () => {
  it('goes from the exception and the articles establishing it, to the recipient, to the profession asked, to the whole route', () => {
    const route = {
      exception: { id: 'exc' },
      recipient: { id: 'saj' },
      elements: {
        nodes: ['tms', 'depositaire', 'exc', 'art', 'other-art', 'cond', 'saj'],
        edges: [
          edgeRef('art', 'ESTABLISHES', 'exc'),
          edgeRef('exc', 'DEROGATES_FROM', 'other-art'),
          edgeRef('exc', 'REQUIRES', 'cond'),
          edgeRef('exc', 'PERMITS_DISCLOSURE_TO', 'saj'),
          edgeRef('tms', 'IS_A', 'depositaire'),
        ],
      },
    };
    const [basis, withRecipient, spine, whole] = framingOfRoute(route, 'tms');
    expect(basis).toEqual(['exc', 'art']);
    expect(withRecipient).toEqual(['exc', 'art', 'saj']);
    expect(spine).toEqual(['exc', 'art', 'saj', 'tms']);
    expect(whole).toEqual(route.elements.nodes);
    // Without a profession asked, the spine ends at the recipient.
    expect(framingOfRoute(route)[2]).toEqual(['exc', 'art', 'saj']);
  });
});
