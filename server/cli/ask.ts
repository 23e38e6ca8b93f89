// The assessment from a terminal: `npm run ask -- --profession tms --recipient
// saj --fact child_maltreatment_situation=oui [--closed-world] [--json]`.
// Kept apart from its entry point (scripts/ask.ts) so tests drive it in-process.
import { parseArgs } from 'node:util';
import { NotFoundError } from '../schema/errors.ts';
import { explanationText, VERDICT_LABELS } from '../domain/explain.ts';
import { AssessBody, type Assessment, type EvaluatedRequirement } from '../schema/api.ts';
import type { NodeType } from '../schema/graph.ts';
import { ExplorerService } from '../service/ExplorerService.ts';
import type { GraphStore } from '../store/GraphStore.ts';

const USAGE = `Usage: npm run ask -- --profession ID [--recipient ID] [--situation ID] [--fact FAIT=oui|non|? ...] [--closed-world] [--as-of AAAA-MM-JJ] [--json]
  --situation : un type de situation (kind-inquietude, kind-saisie-perquisition…, voir GET /api/situations)
  --as-of : répondre selon le droit de cette date, pour autant que graph-data/reforms.yaml ou la date des textes la situe
  FAIT=? : le fait est inconnu (comme s’il n’était pas donné)
Exemple : npm run ask -- --profession tms --recipient saj --fact child_maltreatment_situation=oui`;

const TRUE = new Set(['oui', 'o', 'true', 'vrai', 'yes', 'y', '1']);
const FALSE = new Set(['non', 'n', 'false', 'faux', 'no', '0']);

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

export function closest(id: string, candidates: string[], count = 5): string[] {
  return [...candidates].sort((x, y) => editDistance(id, x) - editDistance(id, y) || (x < y ? -1 : 1)).slice(0, count);
}

function conditionLines(conditions: EvaluatedRequirement[], indent = '      '): string[] {
  return conditions.flatMap((c) => {
    if (c.kind === 'group') return [`${indent}${c.mode === 'any' ? 'l’une de :' : 'toutes :'}`, ...conditionLines(c.children, indent + '  ')];
    const mark = c.status === 'met' ? '✓' : c.status === 'unmet' ? '✗' : '?';
    return [`${indent}${mark} ${c.label} [${c.fact}=${c.value ?? 'inconnu'}]`];
  });
}

function render(a: Assessment): string {
  const lines = [
    `${VERDICT_LABELS[a.verdict].toUpperCase()} (${a.verdict}) — ${a.profession.label}${a.recipient ? ` → ${a.recipient.label}` : ''}`,
    '',
    'Voies examinées :',
  ];
  for (const r of a.routes) {
    lines.push(
      `  [${r.status}] ${r.exception.label} (${r.effect === 'requires' ? 'oblige' : 'permet'}, vers ${r.recipient.label}) — ${r.provisions.map((p) => p.label).join(', ')}`,
    );
    lines.push(...conditionLines(r.conditions));
    for (const l of r.limits) lines.push(`      limite [${l.status}] ${l.label}`);
  }
  if (!a.routes.length) lines.push('  aucune');
  if (a.situation) lines.splice(1, 0, `Situation : ${a.situation.label}`);
  if (a.asOf)
    lines.splice(1, 0, `Droit au ${a.asOf.date} :`, ...a.asOf.reforms.map((r) => `  - ${r.applied ? 'appliquée' : 'non appliquée'} : ${r.label}. ${r.note}`));
  if (a.possibleVerdicts.length > 1)
    lines.splice(1, 0, `Verdicts encore possibles selon les faits inconnus : ${a.possibleVerdicts.map((v) => VERDICT_LABELS[v]).join(', ')}`);
  if (a.recipients?.length) lines.push('', 'Par destinataire :', ...a.recipients.map((r) => `  ${VERDICT_LABELS[r.verdict]} — ${r.recipient.label}`));
  if (a.duties.length) lines.push('', 'Devoirs (vous devez) :', ...a.duties.map((d) => `  - ${d.label}${d.status === 'to_check' ? ' (à vérifier)' : ''}`));
  if (a.faculties.length) lines.push('', 'Facultés (vous pouvez) :', ...a.faculties.map((d) => `  - ${d.label}`));
  if (a.guarantees.length) lines.push('', 'Garanties de procédure :', ...a.guarantees.map((d) => `  - ${d.label}`));
  if (a.missingFacts.length) {
    lines.push(
      '',
      'Questions encore utiles :',
      ...a.missingFacts.map((f) => `  - ${f.id} : ${f.question} (oui → ${VERDICT_LABELS[f.outcomes.yes]}, non → ${VERDICT_LABELS[f.outcomes.no]})`),
    );
  }
  lines.push('', explanationText(a.explanation), '', a.disclaimer);
  return lines.join('\n');
}

export interface AskIo {
  out(text: string): void;
  err(text: string): void;
}

/** Runs the command on `store` (which the caller owns); resolves to the exit code. */
export async function runAsk(args: string[], store: GraphStore, io: AskIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        profession: { type: 'string' },
        recipient: { type: 'string' },
        situation: { type: 'string' },
        fact: { type: 'string', multiple: true, default: [] },
        'closed-world': { type: 'boolean', default: false },
        'as-of': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help || !values.profession) {
    io.out(USAGE);
    return values.help ? 0 : 2;
  }
  const facts: Record<string, boolean> = {};
  const unknown: string[] = [];
  for (const pair of values.fact) {
    const [name, raw = ''] = pair.split('=');
    const value = raw.toLowerCase();
    if (TRUE.has(value)) facts[name] = true;
    else if (FALSE.has(value)) facts[name] = false;
    else if (value === '?' || value === 'inconnu') unknown.push(name);
    else {
      io.err(`--fact ${pair}: la valeur doit être oui, non ou ? (inconnu)`);
      return 2;
    }
  }
  const asOf = values['as-of'];
  if (asOf !== undefined && !AssessBody.shape.asOf.safeParse(asOf).success) {
    io.err(`--as-of ${asOf} : une date AAAA-MM-JJ, par exemple 2016-01-01`);
    return 2;
  }
  const service = new ExplorerService(store);
  const known = (await service.facts()).facts.map((f) => f.id);
  for (const name of [...Object.keys(facts), ...unknown]) {
    if (!known.includes(name)) {
      io.err(`fait inconnu « ${name} ». Les plus proches : ${closest(name, known).join(', ')}`);
      return 2;
    }
  }
  try {
    const answer = await service.assess({
      profession: values.profession,
      recipient: values.recipient,
      situation: values.situation,
      facts,
      closedWorld: values['closed-world'],
      ...(asOf && { asOf }),
    });
    io.out(values.json ? JSON.stringify(answer, null, 2) : render(answer));
    return 0;
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    const types: NodeType[] = err.field === 'profession' ? ['Profession'] : err.field === 'situation' ? ['SituationKind'] : ['Recipient', 'Profession'];
    const ids = (await Promise.all(types.map((t) => store.listNodes(t)))).flat().map((n) => n.id);
    io.err(`${err.field} « ${err.id} » inconnu. Les plus proches : ${closest(err.id, ids).join(', ')}`);
    return 2;
  }
}
