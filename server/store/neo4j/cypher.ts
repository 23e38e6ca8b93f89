// Every Cypher statement of the project. Labels and relationship types come
// only from the schema's closed lists; every value is a parameter.
import { NODE_TYPES, RELATION_TYPES, type NodeType, type RelationType } from '../../schema/graph.ts';

/** Each node carries the :Node label and its type's label; `json` is the node exactly as loaded. */
export const NODE_LABEL = 'Node';
export const META_LABEL = 'SecretumMeta';
export const SEARCH_INDEX = 'secretum_node_search';

function label(type: NodeType): string {
  if (!NODE_TYPES.includes(type)) throw new Error(`not a node type: ${type}`);
  return type;
}

function relation(type: RelationType): string {
  if (!RELATION_TYPES.includes(type)) throw new Error(`not a relation type: ${type}`);
  return type;
}

export const schemaStatements = (): string[] => [
  `CREATE CONSTRAINT secretum_node_id IF NOT EXISTS FOR (n:${NODE_LABEL}) REQUIRE n.id IS UNIQUE`,
  ...NODE_TYPES.map((t) => `CREATE CONSTRAINT secretum_${t.toLowerCase()}_id IF NOT EXISTS FOR (n:${label(t)}) REQUIRE n.id IS UNIQUE`),
  `CREATE CONSTRAINT secretum_meta_key IF NOT EXISTS FOR (m:${META_LABEL}) REQUIRE m.key IS UNIQUE`,
  // Tokens are normalised by the application (accents, case, "458 bis"), so
  // the index only splits on white space: both engines see the same words.
  `CREATE FULLTEXT INDEX ${SEARCH_INDEX} IF NOT EXISTS FOR (n:${NODE_LABEL}) ON EACH [n.searchText] OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'whitespace' } }`,
];

export const AWAIT_INDEXES = 'CALL db.awaitIndexes(120)';

// ---------- load (one write transaction) ----------

export const DELETE_BATCH = `MATCH (n:${NODE_LABEL}) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted`;

export const createNodes = (type: NodeType) =>
  `UNWIND $rows AS row CREATE (n:${NODE_LABEL}:${label(type)}) SET n = row`;

export const createEdges = (type: RelationType) =>
  `UNWIND $rows AS row
   MATCH (a:${NODE_LABEL} {id: row.source}), (b:${NODE_LABEL} {id: row.target})
   CREATE (a)-[r:${relation(type)}]->(b) SET r = row.props`;

export const SET_META = `MERGE (m:${META_LABEL} {key: 'graph'})
  SET m.version = $version, m.loadedAt = $loadedAt, m.facts = $facts, m.nodes = $nodes, m.edges = $edges`;

// ---------- reads ----------

export const GRAPH_VERSION = `MATCH (m:${META_LABEL} {key: 'graph'}) RETURN m.version AS version, m.facts AS facts`;

export const NODE_COUNTS = `MATCH (n:${NODE_LABEL}) RETURN n.type AS key, count(*) AS n`;
export const EDGE_COUNTS = `MATCH (:${NODE_LABEL})-[r]->(:${NODE_LABEL}) RETURN type(r) AS key, count(*) AS n`;

export const NODE_BY_ID = `MATCH (n:${NODE_LABEL} {id: $id}) RETURN n.json AS json`;

export const NODES_BY_IDS = `MATCH (n:${NODE_LABEL}) WHERE n.id IN $ids RETURN n.json AS json ORDER BY n.id`;

export const LIST_NODES = `MATCH (n:${NODE_LABEL}) WHERE $type IS NULL OR n.type = $type RETURN n.json AS json ORDER BY n.id`;

export const ADJACENT = `
  MATCH (n:${NODE_LABEL})-[r]-(m:${NODE_LABEL})
  WHERE n.id IN $frontier
    AND ($relations IS NULL OR type(r) IN $relations)
    AND ($types IS NULL OR m.type IN $types)
  RETURN DISTINCT m.id AS id`;

export const EDGES_AMONG = `
  MATCH (a:${NODE_LABEL})-[r]->(b:${NODE_LABEL})
  WHERE a.id IN $ids AND b.id IN $ids AND ($relations IS NULL OR type(r) IN $relations)
  RETURN r.json AS json ORDER BY r.id`;

export const SEARCH = `
  CALL db.index.fulltext.queryNodes('${SEARCH_INDEX}', $query, { limit: $limit }) YIELD node
  RETURN node.json AS json, node.searchText AS searchText`;

/** The length bound of a variable-length pattern cannot be a parameter: it is a checked integer. */
export const allShortestPaths = (maxLength: number) => {
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > 12) throw new Error(`bad path length ${maxLength}`);
  return `
    MATCH (a:${NODE_LABEL} {id: $from}), (b:${NODE_LABEL} {id: $to})
    MATCH p = allShortestPaths((a)-[*..${maxLength}]-(b))
    RETURN [n IN nodes(p) | n.id] AS nodes, [r IN relationships(p) | r.json] AS edges
    LIMIT $cap`;
};

// ---------- the subgraph that route finding reads ----------

/**
 * In one statement, exactly the part of the graph route finding walks: the
 * IS_A chains of the profession, of the recipient and of every recipient a
 * route names; the exceptions and duties that apply; their recipients,
 * derogations, duties, sources and limits; whom limits and imposed duties
 * concern; the condition trees; the instruments and replacements of sources.
 */
export const ROUTE_SUBGRAPH = `
  MATCH (p:${NODE_LABEL} {id: $profession})
  CALL (p) {
    MATCH path = (p)-[:IS_A*0..]->(h:${NODE_LABEL})
    RETURN collect(DISTINCT h) AS holders, collect(relationships(path)) AS holderEdges
  }
  CALL () {
    OPTIONAL MATCH path = (r:${NODE_LABEL} {id: $recipient})-[:IS_A*0..]->(:${NODE_LABEL})
    RETURN collect(nodes(path)) AS recipientNodes, collect(relationships(path)) AS recipientEdges
  }
  CALL (holders) {
    UNWIND holders AS h
    MATCH (x:${NODE_LABEL})-[e:APPLIES_TO]->(h)
    WHERE x.type IN ['Exception', 'Duty']
    RETURN collect(DISTINCT x) AS owners, collect(e) AS ownerEdges
  }
  CALL (owners) {
    UNWIND owners AS x
    MATCH (x)-[e:PERMITS_DISCLOSURE_TO|REQUIRES_DISCLOSURE_TO|DEROGATES_FROM|IMPOSES]->(y:${NODE_LABEL})
    RETURN collect(DISTINCT y) AS outNodes, collect(e) AS outEdges
  }
  CALL (owners) {
    UNWIND owners AS x
    MATCH (y:${NODE_LABEL})-[e:ESTABLISHES|RESTRICTS|IMPOSES]->(x)
    RETURN collect(DISTINCT y) AS inNodes, collect(e) AS inEdges
  }
  WITH *, [n IN inNodes WHERE n.type = 'Limit'] AS limits,
          [e IN outEdges WHERE type(e) IN ['PERMITS_DISCLOSURE_TO', 'REQUIRES_DISCLOSURE_TO'] | endNode(e)] AS targets
  WITH *, limits + [n IN outNodes WHERE n.type = 'Duty'] AS concerned
  CALL (concerned) {
    UNWIND concerned AS l
    MATCH (l)-[e:APPLIES_TO]->(y:${NODE_LABEL})
    RETURN collect(DISTINCT y) AS concernNodes, collect(e) AS concernEdges
  }
  CALL (limits) {
    UNWIND limits AS l
    MATCH (y:${NODE_LABEL})-[e:ESTABLISHES]->(l)
    RETURN collect(DISTINCT y) AS limitSources, collect(e) AS limitSourceEdges
  }
  CALL (owners, limits) {
    UNWIND owners + limits AS o
    MATCH path = (o)-[:REQUIRES*1..]->(:${NODE_LABEL})
    RETURN collect(nodes(path)) AS treeNodes, collect(relationships(path)) AS treeEdges
  }
  CALL (targets) {
    UNWIND targets AS t
    MATCH path = (t)-[:IS_A*0..]->(:${NODE_LABEL})
    RETURN collect(nodes(path)) AS targetNodes, collect(relationships(path)) AS targetEdges
  }
  WITH *, [n IN inNodes + limitSources WHERE n.type IN ['Provision', 'CaseLaw']] AS sources
  CALL (sources) {
    UNWIND sources AS s
    MATCH (s)-[e:PART_OF|REPLACED_BY]->(y:${NODE_LABEL})
    RETURN collect(DISTINCT y) AS sourceNodes, collect(e) AS sourceEdges
  }
  CALL (sources) {
    UNWIND sources AS s
    MATCH (s)-[:PART_OF]->(:${NODE_LABEL})-[e:REPLACED_BY]->(y:${NODE_LABEL})
    RETURN collect(DISTINCT y) AS laterNodes, collect(e) AS laterEdges
  }
  WITH holders + owners + outNodes + inNodes + concernNodes + limitSources + sourceNodes + laterNodes
         + reduce(acc = [], ns IN recipientNodes + treeNodes + targetNodes | acc + ns) AS nodes,
       ownerEdges + outEdges + inEdges + concernEdges + limitSourceEdges + sourceEdges + laterEdges
         + reduce(acc = [], es IN holderEdges + recipientEdges + treeEdges + targetEdges | acc + es) AS edges
  UNWIND nodes AS n
  WITH collect(DISTINCT n.json) AS nodes, edges
  UNWIND (CASE WHEN edges = [] THEN [null] ELSE edges END) AS e
  RETURN nodes, [json IN collect(DISTINCT e.json) WHERE json IS NOT NULL] AS edges`;
