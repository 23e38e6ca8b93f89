// What a reform would change, from a terminal: `npm run reform -- --repeal
// cp-458bis [--json|--csv]`. The graph is never written: the reform is laid
// over it, and every route and situation is compared before and after.
// Kept apart from its entry point (scripts/reform.ts) so tests drive it in-process.
import { parseArgs } from 'node:util';
import { VERDICT_LABELS } from '../domain/explain.ts';
import { InvalidInputError, InvalidReformError, NotFoundError } from '../schema/errors.ts';
import { ReformBody, type ReformChangeInput, type ReformResult } from '../schema/impact.ts';
import { ExplorerService } from '../service/ExplorerService.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import type { AskIo } from './ask.ts';

const USAGE = `Usage: npm run reform -- CHANGEMENT... [--label TEXTE] [--json|--csv]
  --repeal ID                      abroger un article (et ce qu’il établit seul), une exception, une limite ou un devoir
  --reform ID                      une réforme nommée de graph-data/reforms.yaml (avant-loi-2017-07-06…)
  --set-effect EXCEPTION=permits|requires
  --add-recipient EXCEPTION=DESTINATAIRE    --remove-recipient EXCEPTION=DESTINATAIRE
  --add-condition EXCEPTION=FAIT[=oui|non]  --remove-condition EXCEPTION=CONDITION
Exemple : npm run reform -- --repeal cp-458bis --csv > sans-458bis.csv`;

export interface ReformIo extends AskIo {
  /** a progress bar on stderr: only when it is a terminal */
  progress?(text: string): void;
}

function pair(option: string, value: string): [string, string, string | undefined] {
  const [left, right, third] = value.split('=');
  if (!left || !right) throw new InvalidInputError(option, `« ${value} » : attendu EXCEPTION=VALEUR`);
  return [left, right, third];
}

/** The changes the options name, in the order the options are given. */
function changesOf(tokens: { kind: string; name?: string; value?: string | boolean }[], named: (id: string) => ReformChangeInput[]): ReformChangeInput[] {
  return tokens.flatMap((token): ReformChangeInput[] => {
    if (token.kind !== 'option' || typeof token.value !== 'string') return [];
    const value = token.value;
    switch (token.name) {
      case 'repeal':
        return [{ kind: 'repeal', id: value }];
      case 'reform':
        return named(value);
      case 'set-effect': {
        const [exception, effect] = pair('--set-effect', value);
        if (effect !== 'permits' && effect !== 'requires') throw new InvalidInputError('--set-effect', 'l’effet est permits ou requires');
        return [{ kind: 'setEffect', exception, effect }];
      }
      case 'add-recipient':
      case 'remove-recipient': {
        const [exception, recipient] = pair(`--${token.name}`, value);
        return [{ kind: token.name === 'add-recipient' ? 'addRecipient' : 'removeRecipient', exception, recipient }];
      }
      case 'add-condition': {
        const [exception, fact, expected] = pair('--add-condition', value);
        return [{ kind: 'addCondition', exception, fact, expected: expected === undefined || ['oui', 'true', 'o', '1'].includes(expected) }];
      }
      case 'remove-condition': {
        const [exception, condition] = pair('--remove-condition', value);
        return [{ kind: 'removeCondition', exception, condition }];
      }
      default:
        return [];
    }
  });
}

function render(result: ReformResult): string {
  const c = result.counts;
  const lines = [
    result.label ?? `Réforme : ${result.changes.map((change) => Object.values(change).join(' ')).join(' ; ')}`,
    `Voies : ${c.routesGained} gagnée(s), ${c.routesLost} perdue(s), ${c.routesChanged} modifiée(s) — ${c.answersReassessed} réponse(s) réévaluée(s) sur ${c.answersCompared}`,
    `Situations : ${c.verdictsChanged} verdict(s) changé(s) sur ${c.situations} (${c.situationsReassessed} réévaluée(s))`,
  ];
  let last = '';
  for (const r of result.routes) {
    const group = `${r.profession} → ${r.recipient}`;
    if (group !== last) lines.push('', group);
    last = group;
    const what = r.change === 'changed' ? `modifiée (${r.fields.join(', ')})` : r.change === 'lost' ? 'perdue' : 'gagnée';
    lines.push(`  ${what} : ${r.exception}${r.kind ? ` [${r.kind}]` : ''}`);
  }
  const changed = result.situations.filter((s) => s.changed);
  if (changed.length) lines.push('', 'Verdicts changés :');
  for (const s of changed) lines.push(`  ${s.id} (${s.source}) : ${VERDICT_LABELS[s.before.verdict]} → ${VERDICT_LABELS[s.after.verdict]}`);
  return lines.join('\n');
}

function progressBar(io: ReformIo): ((done: number, total: number) => void) | undefined {
  if (!io.progress) return undefined;
  let shown = -1;
  return (done, total) => {
    const percent = Math.floor((100 * done) / total);
    if (percent === shown) return;
    shown = percent;
    const width = 30;
    const filled = Math.round((width * done) / total);
    io.progress!(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent} % (${done}/${total})${done === total ? '\n' : ''}`);
  };
}

/** Runs the command on `store` (which the caller owns); resolves to the exit code. */
export async function runReform(args: string[], store: GraphStore, io: ReformIo): Promise<number> {
  const service = new ExplorerService(store);
  let body: ReformBody;
  let values;
  try {
    const parsed = parseArgs({
      args,
      tokens: true,
      options: {
        repeal: { type: 'string', multiple: true },
        reform: { type: 'string', multiple: true },
        'set-effect': { type: 'string', multiple: true },
        'add-recipient': { type: 'string', multiple: true },
        'remove-recipient': { type: 'string', multiple: true },
        'add-condition': { type: 'string', multiple: true },
        'remove-condition': { type: 'string', multiple: true },
        label: { type: 'string' },
        json: { type: 'boolean', default: false },
        csv: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    values = parsed.values;
    const named = (id: string) => {
      const reform = service.impact.named().find((r) => r.id === id);
      if (!reform)
        throw new InvalidInputError(
          '--reform',
          `« ${id} » inconnue ; réformes nommées : ${service.impact
            .named()
            .map((r) => r.id)
            .join(', ')}`,
        );
      return reform.changes;
    };
    const changes = changesOf(parsed.tokens ?? [], named);
    if (values.help || !changes.length) {
      io.out(USAGE);
      return values.help ? 0 : 2;
    }
    const label =
      values.label ?? (values.reform?.length === 1 && !values.repeal ? service.impact.named().find((r) => r.id === values!.reform![0])?.label : undefined);
    body = ReformBody.parse({ changes, ...(label && { label }) });
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    const result = await service.impact.reform(body, progressBar(io));
    io.out(values.json ? JSON.stringify(result, null, 2) : values.csv ? service.impact.csv(result) : render(result));
    return 0;
  } catch (err) {
    if (err instanceof NotFoundError || err instanceof InvalidInputError || err instanceof InvalidReformError) {
      io.err(err.message);
      return err instanceof InvalidReformError ? 3 : 2;
    }
    throw err;
  }
}
