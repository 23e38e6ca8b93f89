// Every Cypher statement of the project. Labels and relationship types come
// only from the schema's closed lists (checked by `label` and `relation`, also
// for the dynamic ones of a load); every value is a parameter.
import { NODE_TYPES, RELATION_TYPES, type NodeType, type RelationType } from '../../schema/graph.ts';
import { ORDER_PROPERTY, VERSION_PROPERTY } from './propertyMapping.ts';

/**
 * Each node carries the :Node label and its type's label, its fields as
 * properties (propertyMapping.ts) and the version of the load that wrote it:
 * readers join on the active version, so a load under way or a killed one is
 * never seen.
 */
export const NODE_LABEL = 'Node';
export const META_LABEL = 'SecretumMeta';
/** The questions of the situation questionnaire, one node each (not :Node: they are not graph nodes). */
export const FACT_LABEL = 'Fact';
export const SEARCH_INDEX = 'secretum_node_search';

/** A node type checked against the schema's closed list: the only strings that become labels. */
export function label(type: NodeType): string {
  if (!NODE_TYPES.includes(type)) throw new Error(`not a node type: ${type}`);
  return type;
}

/** A relation type checked against the schema's closed list: the only strings that become relationship types. */
export function relation(type: RelationType): string {
  if (!RELATION_TYPES.includes(type)) throw new Error(`not a relation type: ${type}`);
  return type;
}

/** Every relationship type of the knowledge graph: what paths and neighbourhoods walk. */
const GRAPH_RELATIONS = RELATION_TYPES.map(relation).join('|');

/** A node as propertyMapping.decodeNode reads it. */
export const nodeOut = (n: string) => `properties(${n})`;

/** A relationship as propertyMapping.decodeEdge reads it. */
export const edgeOut = (r: string) => `{type: type(${r}), source: startNode(${r}).id, target: endNode(${r}).id, props: properties(${r})}`;

/** The schema the engine needs, by name: what `ensureSchema` creates when missing. */
export const SCHEMA: { name: string; statement: string }[] = [
  // Not a uniqueness constraint: every version of the graph holds the same ids
  // while a load is under way. The loader refuses duplicate ids before it writes.
  { name: 'secretum_node_id_index', statement: `CREATE INDEX secretum_node_id_index IF NOT EXISTS FOR (n:${NODE_LABEL}) ON (n.id)` },
  // Lists, counts and deletes the nodes of one version.
  {
    name: 'secretum_node_version_index',
    statement: `CREATE INDEX secretum_node_version_index IF NOT EXISTS FOR (n:${NODE_LABEL}) ON (n.${VERSION_PROPERTY})`,
  },
  { name: 'secretum_meta_key', statement: `CREATE CONSTRAINT secretum_meta_key IF NOT EXISTS FOR (m:${META_LABEL}) REQUIRE m.key IS UNIQUE` },
  // Tokens are normalised by the application (accents, case, "458 bis"), so
  // the index only splits on white space: both engines see the same words.
  {
    name: SEARCH_INDEX,
    statement: `CREATE FULLTEXT INDEX ${SEARCH_INDEX} IF NOT EXISTS FOR (n:${NODE_LABEL}) ON EACH [n.searchText] OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'whitespace' } }`,
  },
];

/** Uniqueness constraints on ids created by earlier versions (see above), dropped when found. */
export const OBSOLETE_CONSTRAINTS = ['secretum_node_id', ...NODE_TYPES.map((t) => `secretum_${t.toLowerCase()}_id`)];

/** Names of the indexes, and of the constraints that own one. */
export const SCHEMA_NAMES = `SHOW INDEXES YIELD name, owningConstraint RETURN collect(coalesce(owningConstraint, name)) AS names`;

export const dropConstraint = (name: string) => {
  if (!OBSOLETE_CONSTRAINTS.includes(name)) throw new Error(`not an obsolete constraint: ${name}`);
  return `DROP CONSTRAINT ${name} IF EXISTS`;
};

export const AWAIT_INDEXES = 'CALL db.awaitIndexes(120)';

// ---------- load: batches under a new version, then one small flip ----------
// One statement per node type and one per relationship type, with the type
// and every property key written in the statement: Neo4j resolves labels and
// property keys once, when it plans the statement, instead of once per row
// (a map per row under a dynamic label cost about a third more of the
// server's time); and a row is a list of values, so the keys do not travel
// with each row either.

/** The version readers see, and every version present (a killed load leaves one behind; a graph of an older engine has none). */
export const ACTIVE_VERSION = `OPTIONAL MATCH (m:${META_LABEL} {key: 'graph'}) RETURN m.version AS version`;
/** The active version's size beside every node stored (a count Neo4j keeps: no scan): equal when nothing else is stored. */
export const STORED_COUNTS = `OPTIONAL MATCH (m:${META_LABEL} {key: 'graph'})
  CALL () { MATCH (n:${NODE_LABEL}) RETURN count(n) AS stored }
  RETURN m.nodes AS active, stored`;
/** A scan of every node: run only when STORED_COUNTS says something besides the active graph is there. */
export const STORED_VERSIONS = `MATCH (n:${NODE_LABEL}) RETURN DISTINCT n.${VERSION_PROPERTY} AS version`;

/** Property keys come from the schema (propertyMapping.ts); checked anyway, since they are written into the statement. */
const PROPERTY_KEY = /^[a-z][A-Za-z0-9]*$/;
function propertyKey(name: string): string {
  if (!PROPERTY_KEY.test(name)) throw new Error(`not a property key the engine writes: ${name}`);
  return name;
}
const propertyMap = (keys: string[], first: number) => keys.map((k, i) => `${propertyKey(k)}: r[${first + i}]`).join(', ');

/**
 * Nodes of one type under $version. Row i is the values of `keys` in order;
 * a null is a property the node does not have (Neo4j stores no null). Returns
 * each created node's id (the value at `idAt`) beside its element id.
 */
export function createNodes(type: NodeType, keys: string[], idAt: number): string {
  return `UNWIND $rows AS r
  CREATE (n:${NODE_LABEL}:${label(type)} {${VERSION_PROPERTY}: $version, ${propertyMap(keys, 0)}})
  RETURN collect(r[${idAt}]) AS ids, collect(elementId(n)) AS elementIds`;
}

/**
 * Relationships of one type between nodes found by the element ids that
 * createNodes returned (a seek by element id costs less than one through the
 * id index): row i is [source element id, target element id, ...values of `keys`].
 */
export function createEdges(type: RelationType, keys: string[]): string {
  return `UNWIND $rows AS r
  MATCH (a) WHERE elementId(a) = r[0]
  MATCH (b) WHERE elementId(b) = r[1]
  CREATE (a)-[:${relation(type)} {${propertyMap(keys, 2)}}]->(b)
  RETURN count(*) AS created`;
}

export const CREATE_FACTS = `UNWIND $rows AS row CREATE (f:${FACT_LABEL}) SET f = row`;

/** The flip's check: a version another load removed part of is refused. */
export const COUNT_VERSION = `MATCH (n:${NODE_LABEL} {${VERSION_PROPERTY}: $version}) RETURN count(n) AS nodes`;

/** The one small write that makes a new graph visible to every reader at once. */
export const SET_ACTIVE_VERSION = `MERGE (m:${META_LABEL} {key: 'graph'})
  SET m.version = $version, m.loadedAt = $loadedAt, m.nodes = $nodes, m.edges = $edges
  REMOVE m.facts`;

/** Nodes of one version, detached and deleted a batch at a time. */
export const DELETE_VERSION_BATCH = `MATCH (n:${NODE_LABEL} {${VERSION_PROPERTY}: $version})
  WITH n LIMIT $batch
  DETACH DELETE n
  RETURN count(*) AS deleted`;

/** Nodes written by an engine older than versions. */
export const DELETE_UNVERSIONED_BATCH = `MATCH (n:${NODE_LABEL}) WHERE n.${VERSION_PROPERTY} IS NULL
  WITH n LIMIT $batch
  DETACH DELETE n
  RETURN count(*) AS deleted`;

export const DELETE_FACTS = `MATCH (f:${FACT_LABEL}) WHERE f.${VERSION_PROPERTY} IS NULL OR f.${VERSION_PROPERTY} <> $keep DELETE f`;

// ---------- reads: every one joins on $version, the active version ----------

export const FACTS = `MATCH (f:${FACT_LABEL} {${VERSION_PROPERTY}: $version}) RETURN properties(f) AS props ORDER BY f.${ORDER_PROPERTY}`;

export const NODE_COUNTS = `MATCH (n:${NODE_LABEL} {${VERSION_PROPERTY}: $version}) RETURN n.type AS key, count(*) AS n`;
export const EDGE_COUNTS = `MATCH (:${NODE_LABEL} {${VERSION_PROPERTY}: $version})-[r]->(:${NODE_LABEL}) RETURN type(r) AS key, count(*) AS n`;

export const NODE_BY_ID = `MATCH (n:${NODE_LABEL} {id: $id}) WHERE n.${VERSION_PROPERTY} = $version RETURN ${nodeOut('n')} AS node`;

export const NODES_BY_IDS = `MATCH (n:${NODE_LABEL}) WHERE n.id IN $ids AND n.${VERSION_PROPERTY} = $version
  RETURN ${nodeOut('n')} AS node ORDER BY n.id`;

export const LIST_NODES = `MATCH (n:${NODE_LABEL} {${VERSION_PROPERTY}: $version}) WHERE $type IS NULL OR n.type = $type
  RETURN ${nodeOut('n')} AS node ORDER BY n.id`;

/**
 * The neighbourhood of `$id` in one statement: collectNeighbourhood of
 * server/store/shared/neighbourhood.ts, level by level, written out `depth` times.
 * A level is the allowed neighbours of the frontier not yet included, in id
 * order, cut to the room left under `$maxNodes` (and then no further level);
 * then the included nodes in id order and the allowed edges among them in id
 * order. No row when `$id` is unknown. Relationships join nodes of one
 * version only, so the walk never leaves the version it starts in.
 */
export const neighbourhood = (depth: number) => {
  if (!Number.isInteger(depth) || depth < 0 || depth > 10) throw new Error(`bad neighbourhood depth ${depth}`);
  const level = `
  CALL (included, frontier, truncated) {
    UNWIND (CASE WHEN truncated THEN [] ELSE frontier END) AS n
    MATCH (n)-[r:${GRAPH_RELATIONS}]-(m:${NODE_LABEL})
    WHERE ($relations IS NULL OR type(r) IN $relations) AND ($types IS NULL OR m.type IN $types)
    WITH DISTINCT m
    WHERE NOT m IN included
    WITH m ORDER BY m.id
    RETURN collect(m) AS next
  }
  WITH included, next, truncated, $maxNodes - size(included) AS room
  WITH included + next[..room] AS included, next[..room] AS frontier, truncated OR size(next) > room AS truncated`;
  return `
  MATCH (c:${NODE_LABEL} {id: $id}) WHERE c.${VERSION_PROPERTY} = $version
  WITH [c] AS included, [c] AS frontier, false AS truncated
  ${level.repeat(depth)}
  CALL (included) {
    UNWIND included AS n
    WITH n ORDER BY n.id
    RETURN collect(${nodeOut('n')}) AS nodes
  }
  CALL (included) {
    UNWIND included AS a
    MATCH (a)-[r:${GRAPH_RELATIONS}]->(b)
    WHERE b IN included AND ($relations IS NULL OR type(r) IN $relations)
    WITH r ORDER BY r.id
    RETURN collect(${edgeOut('r')}) AS edges
  }
  RETURN nodes, edges, truncated`;
};

export const SEARCH = `
  CALL db.index.fulltext.queryNodes('${SEARCH_INDEX}', $query, { limit: $limit }) YIELD node
  WHERE node.${VERSION_PROPERTY} = $version
  RETURN ${nodeOut('node')} AS node, node.searchText AS searchText`;

/** The length bound of a variable-length pattern cannot be a parameter: it is a checked integer. */
export const allShortestPaths = (maxLength: number) => {
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > 12) throw new Error(`bad path length ${maxLength}`);
  return `
    MATCH (a:${NODE_LABEL} {id: $from}), (b:${NODE_LABEL} {id: $to})
    WHERE a.${VERSION_PROPERTY} = $version AND b.${VERSION_PROPERTY} = $version
    MATCH p = allShortestPaths((a)-[:${GRAPH_RELATIONS}*..${maxLength}]-(b))
    RETURN [n IN nodes(p) | n.id] AS nodes, [r IN relationships(p) | ${edgeOut('r')}] AS edges
    LIMIT $cap`;
};

// ---------- the subgraph that route finding reads ----------

/**
 * In one statement, exactly the part of the graph route finding walks: the
 * IS_A chains of the profession, of the recipient and of every recipient a
 * route names; the exceptions and duties that apply; their recipients,
 * derogations, duties, sources and limits; whom limits and imposed duties
 * concern; the condition trees; the instruments and replacements of sources.
 *
 * With a recipient, an exception that applies but neither discloses to the
 * recipient's IS_A chain nor is restricted by a limit naming that chain yields
 * no route and no recipient limit in buildRouteCandidates: it is left out, with
 * all it would bring (at 100k nodes, most of the subgraph).
 */
export const ROUTE_SUBGRAPH = `
  MATCH (p:${NODE_LABEL} {id: $profession}) WHERE p.${VERSION_PROPERTY} = $version
  CALL (p) {
    MATCH path = (p)-[:IS_A*0..]->(h:${NODE_LABEL})
    RETURN collect(DISTINCT h) AS holders, collect(relationships(path)) AS holderEdges
  }
  // the recipient's other names (SAME_AS, either way): one body, one chain
  CALL () {
    OPTIONAL MATCH (r:${NODE_LABEL} {id: $recipient})-[alias:SAME_AS]-(a:${NODE_LABEL})
    WHERE r.${VERSION_PROPERTY} = $version
    RETURN collect(DISTINCT a.id) AS aliases, collect(alias) AS aliasEdges
  }
  CALL (aliases) {
    UNWIND [$recipient] + aliases AS rid
    OPTIONAL MATCH path = (r:${NODE_LABEL} {id: rid})-[:IS_A*0..]->(:${NODE_LABEL})
    WHERE r.${VERSION_PROPERTY} = $version
    RETURN collect(nodes(path)) AS recipientNodes, collect(relationships(path)) AS recipientEdges
  }
  WITH *, reduce(acc = [], ns IN recipientNodes | acc + ns) AS recipientChain
  CALL (holders, recipientChain) {
    UNWIND holders AS h
    MATCH (x:${NODE_LABEL})-[e:APPLIES_TO]->(h)
    WHERE x.type = 'Duty'
       OR x.type = 'Exception' AND (
            $recipient IS NULL
            OR EXISTS { (x)-[:PERMITS_DISCLOSURE_TO|REQUIRES_DISCLOSURE_TO]->(t) WHERE t IN recipientChain }
            // a route towards a role (the mandant) may reach this recipient, on a fact of the situation
            OR EXISTS { (x)-[:PERMITS_DISCLOSURE_TO|REQUIRES_DISCLOSURE_TO]->(t) WHERE t.roleFact IS NOT NULL }
            OR EXISTS { (x)<-[:RESTRICTS]-(:${NODE_LABEL})-[a:APPLIES_TO]->(t) WHERE a.role = 'recipient' AND t IN recipientChain })
    RETURN collect(DISTINCT x) AS owners, collect(e) AS ownerEdges
  }
  CALL (owners) {
    UNWIND owners AS x
    MATCH (x)-[e:PERMITS_DISCLOSURE_TO|REQUIRES_DISCLOSURE_TO|DEROGATES_FROM|IMPOSES]->(y:${NODE_LABEL})
    RETURN collect(DISTINCT y) AS outNodes, collect(e) AS outEdges
  }
  CALL (owners) {
    UNWIND owners AS x
    MATCH (y:${NODE_LABEL})-[e:ESTABLISHES|RESTRICTS|QUALIFIES|IMPOSES]->(x)
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
    MATCH (t)-[e:SAME_AS]-(a:${NODE_LABEL})
    RETURN collect(DISTINCT a) AS targetAliases, collect(e) AS targetAliasEdges
  }
  CALL (targets, targetAliases) {
    UNWIND targets + targetAliases AS t
    MATCH path = (t)-[:IS_A*0..]->(:${NODE_LABEL})
    RETURN collect(nodes(path)) AS targetNodes, collect(relationships(path)) AS targetEdges
  }
  // the legal status of the recipient and of every recipient a route names: the texts that bind them
  WITH *, recipientChain + reduce(acc = [], ns IN targetNodes | acc + ns) AS statusHolders
  CALL (statusHolders) {
    UNWIND statusHolders AS c
    MATCH (c)-[e:BOUND_BY]->(y:${NODE_LABEL})
    RETURN collect(DISTINCT y) AS boundNodes, collect(e) AS boundEdges
  }
  // the articles that establish a rule, and the secret a route lifts (DEROGATES_FROM), each with its code and replacement
  WITH *, [n IN inNodes + limitSources + outNodes + boundNodes WHERE n.type IN ['Provision', 'CaseLaw']] AS sources
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
  WITH holders + owners + outNodes + inNodes + concernNodes + limitSources + sourceNodes + laterNodes + targetAliases + boundNodes
         + reduce(acc = [], ns IN recipientNodes + treeNodes + targetNodes | acc + ns) AS nodes,
       ownerEdges + outEdges + inEdges + concernEdges + limitSourceEdges + sourceEdges + laterEdges + aliasEdges + targetAliasEdges + boundEdges
         + reduce(acc = [], es IN holderEdges + recipientEdges + treeEdges + targetEdges | acc + es) AS edges
  UNWIND nodes AS n
  WITH collect(DISTINCT n) AS nodes, edges
  UNWIND (CASE WHEN edges = [] THEN [null] ELSE edges END) AS e
  WITH nodes, collect(DISTINCT e) AS edges
  RETURN [n IN nodes | ${nodeOut('n')}] AS nodes, [e IN edges | ${edgeOut('e')}] AS edges`;

// ---------- the summary of the law ----------

/** Every relationship of the given types between nodes of the active version, and the nodes at their ends, each in id order. */
export const relationSubgraph = (types: RelationType[]) => {
  if (!types.length) throw new Error('relationSubgraph needs at least one relation type');
  return `
  MATCH (a:${NODE_LABEL})-[r:${types.map(relation).join('|')}]->(b:${NODE_LABEL})
  WHERE a.${VERSION_PROPERTY} = $version
  WITH collect(r) AS relationships, collect(a) + collect(b) AS ends
  CALL (relationships) {
    UNWIND relationships AS r
    WITH r ORDER BY r.id
    RETURN collect(${edgeOut('r')}) AS edges
  }
  CALL (ends) {
    UNWIND ends AS n
    WITH DISTINCT n ORDER BY n.id
    RETURN collect(${nodeOut('n')}) AS nodes
  }
  RETURN nodes, edges`;
};
