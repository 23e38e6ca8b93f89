// The Neo4j load writes each node type with one statement whose property keys
// are fixed (cypher.ts createNodes): a property the mapping produces but the
// statement does not list would be dropped without a word. These tests need no
// Neo4j: they hold the mapping and the statements to each other over every
// node of the real graph and of a generated one (every node type, optional
// fields present and absent).
import { describe, expect, it } from 'vitest';
import { loadGraphData } from '../../server/graph/load.ts';
import { NODE_TYPES, RELATION_TYPES, type NodeType, type RelationType } from '../../server/schema/graph.ts';
import { createEdges, createNodes } from '../../server/store/neo4j/cypher.ts';
import { decodeNode, edgeProperties, encodeEdge, encodeNode, nodeProperties } from '../../server/store/neo4j/propertyMapping.ts';
import { scaleGraph } from '../../scripts/scale-graph.ts';

const real = loadGraphData();
const generated = scaleGraph(real, { nodes: 5_000, seed: 7 });
const graphs = { real, generated };

describe('Neo4j load statements and the property mapping', () => {
  for (const [name, graph] of Object.entries(graphs)) {
    it(`lists, for every node of the ${name} graph, each property its encoding writes`, () => {
      const missing = new Set<string>();
      for (const node of graph.nodes) {
        const keys = new Set(nodeProperties(node.type));
        for (const key of Object.keys(encodeNode(node, {}))) if (!keys.has(key)) missing.add(`${node.type}.${key}`);
      }
      expect([...missing]).toEqual([]);
    });

    it(`reads every node of the ${name} graph back from the values of its statement's keys`, () => {
      for (const node of graph.nodes) {
        const props = encodeNode(node, {});
        // What CREATE stores from a row: the listed keys whose value is not null.
        const stored = Object.fromEntries(nodeProperties(node.type).flatMap((k) => (props[k] == null ? [] : [[k, props[k]]])));
        expect(decodeNode({ ...stored, type: node.type })).toEqual(node);
      }
    });

    it(`lists every property of the relations of the ${name} graph`, () => {
      const keys = new Set(edgeProperties());
      const written = new Set(graph.edges.flatMap((e) => Object.keys(encodeEdge(e))));
      expect([...written].filter((k) => !keys.has(k))).toEqual([]);
    });
  }

  it('covers every node type and relation type with a generated graph', () => {
    expect(new Set(generated.nodes.map((n) => n.type))).toEqual(new Set(NODE_TYPES));
    expect(new Set(generated.edges.map((e) => e.type)).size).toBeGreaterThan(RELATION_TYPES.length / 2);
  });

  it('writes only schema labels, relationship types and property keys into a statement', () => {
    expect(createNodes('Provision', nodeProperties('Provision'), 0)).toContain(':Node:Provision {graphVersion: $version, ');
    expect(() => createNodes('Provision) DETACH DELETE (m' as NodeType, ['id'], 0)).toThrow(/not a node type/);
    expect(() => createNodes('Provision', ['id}) WITH 1 AS x MATCH (n) DETACH DELETE n //'], 0)).toThrow(/not a property key/);
    expect(() => createEdges('IS_A]->() DELETE r //' as RelationType, [])).toThrow(/not a relation type/);
    expect(() => createEdges('IS_A', ['a b'])).toThrow(/not a property key/);
  });
});
