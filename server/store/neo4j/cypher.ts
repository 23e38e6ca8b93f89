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

/** IS_A ancestors of each start node, with the edges that lead there. */
export const IS_A_CHAINS = `
  UNWIND $ids AS id
  MATCH (s:${NODE_LABEL} {id: id})
  OPTIONAL MATCH path = (s)-[:IS_A*1..]->(:${NODE_LABEL})
  RETURN [n IN coalesce(nodes(path), [s]) | n.json] AS nodes, [r IN coalesce(relationships(path), []) | r.json] AS edges`;

/** Exceptions and duties that apply to any of the holders. */
export const APPLYING_OWNERS = `
  MATCH (x:${NODE_LABEL})-[e:APPLIES_TO]->(h:${NODE_LABEL})
  WHERE h.id IN $holders AND x.type IN ['Exception', 'Duty']
  RETURN [x.json] AS nodes, [e.json] AS edges`;

/** What surrounds routes and duties: recipients, derogations, duties, sources, limits. */
export const AROUND_OWNERS = `
  MATCH (x:${NODE_LABEL})-[e:PERMITS_DISCLOSURE_TO|REQUIRES_DISCLOSURE_TO|DEROGATES_FROM|IMPOSES]->(y:${NODE_LABEL})
  WHERE x.id IN $owners
  RETURN [y.json] AS nodes, [e.json] AS edges
  UNION ALL
  MATCH (y:${NODE_LABEL})-[e:ESTABLISHES|RESTRICTS|IMPOSES]->(x:${NODE_LABEL})
  WHERE x.id IN $owners
  RETURN [y.json] AS nodes, [e.json] AS edges`;

/** Whom limits and imposed duties concern, and what establishes them. */
export const AROUND_LIMITS = `
  MATCH (l:${NODE_LABEL})-[e:APPLIES_TO]->(y:${NODE_LABEL})
  WHERE l.id IN $limits
  RETURN [y.json] AS nodes, [e.json] AS edges
  UNION ALL
  MATCH (y:${NODE_LABEL})-[e:ESTABLISHES]->(l:${NODE_LABEL})
  WHERE l.id IN $limits
  RETURN [y.json] AS nodes, [e.json] AS edges`;

/** Condition trees under routes, limits and duties. */
export const REQUIREMENT_TREES = `
  MATCH path = (o:${NODE_LABEL})-[:REQUIRES*1..]->(:${NODE_LABEL})
  WHERE o.id IN $owners
  RETURN [n IN nodes(path) | n.json] AS nodes, [r IN relationships(path) | r.json] AS edges`;

/** The instrument of each source, and what replaced either. */
export const AROUND_SOURCES = `
  MATCH (s:${NODE_LABEL})-[e:PART_OF|REPLACED_BY]->(y:${NODE_LABEL})
  WHERE s.id IN $sources
  RETURN [y.json] AS nodes, [e.json] AS edges
  UNION ALL
  MATCH (s:${NODE_LABEL})-[:PART_OF]->(i:${NODE_LABEL})-[e:REPLACED_BY]->(y:${NODE_LABEL})
  WHERE s.id IN $sources
  RETURN [y.json] AS nodes, [e.json] AS edges`;
