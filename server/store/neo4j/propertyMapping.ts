// How a record of the graph becomes Neo4j properties and back, derived from
// the zod schemas of server/schema/graph.ts alone: a field added to a node
// type, or a new node type, is stored and read back without new Neo4j code.
//
//   scalar (string, number, boolean, enum)  → a property of the same name;
//                                             a full date "YYYY-MM-DD" → a Neo4j DATE
//   list of scalars                         → a list property
//   nested object (Situation.assess)        → its fields flattened, camelCase-prefixed
//                                             (assessProfession, assessClosedWorld)
//   record of scalars (assess.facts)        → two parallel lists, keys and values
//                                             (assessFactsKeys, assessFactsValues)
//   list of objects (citations)             → one list per field, in order
//                                             (citationSources, citationSections,
//                                             citationQuotes): row i of the lists
//                                             is element i. List properties rather
//                                             than child nodes: a node and a
//                                             relationship per citation doubled the
//                                             cost of a load, and Neo4j Browser shows
//                                             the lists with the node.
//
// A shape outside these (a list of objects inside an object, a union) fails
// when the mapping is built, at start, never halfway through a load; and the
// loader decodes what it encodes before it writes, so a value the mapping
// cannot hold back exactly is refused with its node id.
import neo4j from 'neo4j-driver';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { Fact, GraphEdge, GraphNode, NODE_TYPES, type NodeType } from '../../schema/graph.ts';

/** Properties the engine adds to every record it writes: no schema field may take these names. */
export const VERSION_PROPERTY = 'graphVersion';
export const SEARCH_PROPERTY = 'searchText';
/** The position of a record with no relationship to carry it (the facts of the questionnaire). */
export const ORDER_PROPERTY = 'graphOrder';
const RESERVED = new Set([VERSION_PROPERTY, SEARCH_PROPERTY, ORDER_PROPERTY]);

type Field =
  | { kind: 'scalar'; key: string; property: string }
  | { kind: 'list'; key: string; property: string }
  | { kind: 'object'; key: string; fields: Field[] }
  | { kind: 'record'; key: string; keysProperty: string; valuesProperty: string }
  | { kind: 'table'; key: string; columns: { key: string; property: string }[] };

type ZodAny = z.core.$ZodType;
const defOf = (schema: ZodAny) => schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;

/** optional(), default(), readonly() and the like only wrap the type that is stored. */
function unwrap(schema: ZodAny): ZodAny {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (['optional', 'default', 'prefault', 'readonly', 'nonoptional', 'catch'].includes(def.type)) current = def.innerType as ZodAny;
    else return current;
  }
}

const SCALARS = new Set(['string', 'number', 'boolean', 'enum', 'literal', 'int', 'bigint']);
const isScalar = (schema: ZodAny) => SCALARS.has(defOf(unwrap(schema)).type);

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const camel = (prefix: string, key: string) => (prefix ? prefix + capitalise(key) : key);
/** citations → Citation; the only plural rule the schema needs, checked when it is built. */
const singular = (s: string) => (s.endsWith('s') ? s.slice(0, -1) : s);

function fieldsOf(shape: Record<string, ZodAny>, prefix: string, where: string, claimed: Map<string, string>): Field[] {
  const claim = (property: string, path: string) => {
    if (RESERVED.has(property)) throw new Error(`${path}: property "${property}" is reserved by the Neo4j engine`);
    const other = claimed.get(property);
    if (other) throw new Error(`${path} and ${other} would both be stored as property "${property}"`);
    claimed.set(property, path);
    return property;
  };
  return Object.entries(shape).map(([key, raw]): Field => {
    const path = `${where}.${key}`;
    const schema = unwrap(raw);
    const def = defOf(schema);
    if (isScalar(schema)) return { kind: 'scalar', key, property: claim(camel(prefix, key), path) };
    if (def.type === 'array') {
      const element = unwrap(def.element as ZodAny);
      if (isScalar(element)) return { kind: 'list', key, property: claim(camel(prefix, key), path) };
      if (defOf(element).type === 'object') {
        // Every field of the element must be a required scalar: a list property cannot hold a gap.
        const columns = Object.entries((element as z.ZodObject).shape as Record<string, ZodAny>).map(([column, type]) => {
          const inner = defOf(type as ZodAny).type;
          if (!isScalar(type as ZodAny) || inner === 'optional' || inner === 'default') {
            throw new Error(`${path}[].${column}: the Neo4j engine stores a list of objects only when each field is a required scalar`);
          }
          return { key: column, property: claim(`${camel(prefix, singular(key))}${capitalise(column)}s`, `${path}[].${column}`) };
        });
        return { kind: 'table', key, columns };
      }
    }
    if (def.type === 'object') {
      return { kind: 'object', key, fields: fieldsOf((schema as z.ZodObject).shape as Record<string, ZodAny>, camel(prefix, key), path, claimed) };
    }
    if (def.type === 'record' && isScalar(def.valueType as ZodAny)) {
      const property = camel(prefix, key);
      return { kind: 'record', key, keysProperty: claim(`${property}Keys`, path), valuesProperty: claim(`${property}Values`, path) };
    }
    throw new Error(`${path}: the Neo4j engine cannot store a field of type ${def.type} (see server/store/neo4j/propertyMapping.ts)`);
  });
}

// ---------- values ----------

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function asDate(value: string): InstanceType<typeof neo4j.types.Date> | undefined {
  const m = FULL_DATE.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return new neo4j.types.Date(year, month, day);
}

function encodeScalar(value: unknown): unknown {
  if (typeof value === 'string') return asDate(value) ?? value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  return value;
}

/** A list property holds one type: dates only when every element is a full date. */
function encodeList(values: unknown[]): unknown[] {
  const dates = values.length > 0 && values.every((v) => typeof v === 'string' && asDate(v));
  return values.map((v) => (dates ? asDate(v as string) : typeof v === 'string' ? v : encodeScalar(v)));
}

function decodeScalar(value: unknown): unknown {
  if (neo4j.isDate(value as never)) return (value as InstanceType<typeof neo4j.types.Date>).toString();
  if (neo4j.isInt(value as never)) return (value as InstanceType<typeof neo4j.types.Integer>).toNumber();
  return value;
}

type Props = Record<string, unknown>;

function encodeFields(fields: Field[], record: Props, into: Props): void {
  for (const field of fields) {
    const value = record[field.key];
    if (value === undefined) continue;
    if (field.kind === 'scalar') into[field.property] = encodeScalar(value);
    else if (field.kind === 'list') into[field.property] = encodeList(value as unknown[]);
    else if (field.kind === 'object') encodeFields(field.fields, value as Props, into);
    else if (field.kind === 'table') {
      for (const column of field.columns) into[column.property] = encodeList((value as Props[]).map((row) => row[column.key]));
    } else {
      const entries = Object.entries(value as Props);
      into[field.keysProperty] = entries.map(([k]) => k);
      into[field.valuesProperty] = encodeList(entries.map(([, v]) => v));
    }
  }
}

/** Undefined when none of the fields is stored (an absent optional object). */
function decodeFields(fields: Field[], props: Props): Props | undefined {
  const out: Props = {};
  let found = false;
  for (const field of fields) {
    let value: unknown;
    if (field.kind === 'scalar') value = props[field.property] === undefined ? undefined : decodeScalar(props[field.property]);
    else if (field.kind === 'list') value = (props[field.property] as unknown[] | undefined)?.map(decodeScalar);
    else if (field.kind === 'object') value = decodeFields(field.fields, props);
    else if (field.kind === 'record') {
      const keys = props[field.keysProperty] as string[] | undefined;
      const values = props[field.valuesProperty] as unknown[] | undefined;
      value = keys && Object.fromEntries(keys.map((k, i) => [k, decodeScalar(values![i])]));
    } else {
      const lists = field.columns.map((c) => props[c.property] as unknown[] | undefined);
      value = lists[0] && lists[0].map((_, i) => Object.fromEntries(field.columns.map((c, j) => [c.key, decodeScalar(lists[j]![i])])));
    }
    if (value === undefined) continue;
    out[field.key] = value;
    found = true;
  }
  return found ? out : undefined;
}

// ---------- nodes, edges, facts ----------

/** A relationship as read back. */
export interface StoredEdge {
  type: string;
  source: string;
  target: string;
  props: Props;
}

const objectShape = (schema: unknown) => (schema as z.ZodObject).shape as Record<string, ZodAny>;

function buildNodeFields(): Map<string, Field[]> {
  const byType = new Map<string, Field[]>();
  for (const option of (GraphNode as unknown as { options: z.ZodObject[] }).options) {
    const type = defOf(option.shape.type as ZodAny).values as string[];
    byType.set(type[0], fieldsOf(objectShape(option), '', type[0], new Map()));
  }
  for (const type of NODE_TYPES) if (!byType.has(type)) throw new Error(`no schema for node type ${type}`);
  return byType;
}

const NODE_FIELDS = buildNodeFields();
/** type, source and target are the relationship's own type and ends. */
const EDGE_FIELDS = fieldsOf(
  Object.fromEntries(Object.entries(objectShape(GraphEdge)).filter(([key]) => !['type', 'source', 'target'].includes(key))),
  '',
  'GraphEdge',
  new Map(),
);
const FACT_FIELDS = fieldsOf(objectShape(Fact), '', 'Fact', new Map());

/** Every property `fields` can write, in schema order: what a statement with static keys sets. */
function propertiesOfFields(fields: Field[]): string[] {
  return fields.flatMap((field) => {
    if (field.kind === 'scalar' || field.kind === 'list') return [field.property];
    if (field.kind === 'object') return propertiesOfFields(field.fields);
    if (field.kind === 'record') return [field.keysProperty, field.valuesProperty];
    return field.columns.map((c) => c.property);
  });
}

/** The properties a node of `type` can hold besides the engine's own: the keys of its load statement. */
export function nodeProperties(type: NodeType): string[] {
  return propertiesOfFields(fieldsFor(type));
}

/** The properties a relationship can hold. */
export function edgeProperties(): string[] {
  return propertiesOfFields(EDGE_FIELDS);
}

function fieldsFor(type: string): Field[] {
  const fields = NODE_FIELDS.get(type);
  if (!fields) throw new Error(`not a node type: ${type}`);
  return fields;
}

/** The properties of a node, with `extra` (its version, its search text). */
export function encodeNode(node: GraphNode, extra: Props): Props {
  const props: Props = { ...extra };
  encodeFields(fieldsFor(node.type), node as unknown as Props, props);
  return props;
}

export function decodeNode(props: Props): GraphNode {
  return decodeFields(fieldsFor(props.type as NodeType), props) as GraphNode;
}

/** The node's properties, refused when the node would not be read back exactly as it is. */
export function encodeNodeChecked(node: GraphNode, extra: Props): Props {
  const props = encodeNode(node, extra);
  if (!isDeepStrictEqual(decodeNode(props), node))
    throw new Error(`node ${node.id} cannot be stored as Neo4j properties exactly: ${JSON.stringify(node).slice(0, 300)}`);
  return props;
}

export function encodeEdge(edge: GraphEdge): Props {
  const props: Props = {};
  encodeFields(EDGE_FIELDS, edge as unknown as Props, props);
  return props;
}

export function decodeEdge(stored: StoredEdge): GraphEdge {
  const rest = decodeFields(EDGE_FIELDS, stored.props) ?? {};
  const { id, ...others } = rest;
  return { id, type: stored.type, source: stored.source, target: stored.target, ...others } as GraphEdge;
}

export function encodeFact(fact: Fact, extra: Props): Props {
  const props: Props = { ...extra };
  encodeFields(FACT_FIELDS, fact as unknown as Props, props);
  return props;
}

export function decodeFact(props: Props): Fact {
  return decodeFields(FACT_FIELDS, props) as Fact;
}
