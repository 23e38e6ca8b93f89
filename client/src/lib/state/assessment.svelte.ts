// The assessment of the situation in the URL (profession, recipient, facts,
// closed world), re-run on every change, and the questions to show: those the
// answer says still matter, plus those already answered, in a stable order so
// that answering one never moves the others.
import { api, type AssessRequest } from '../api.ts';
import type { Assessment } from '../types.ts';

class AssessmentStore {
  result = $state.raw<Assessment>();
  loading = $state(false);
  error = $state<string>();
  /** fact ids in the order they are asked */
  questions = $state.raw<string[]>([]);
  private ticket = 0;

  async run(request: AssessRequest): Promise<void> {
    const ticket = ++this.ticket;
    this.loading = true;
    try {
      // Under a closed world nothing is unknown, so the questions come from the open-world answer.
      const [result, openWorld] = await Promise.all([
        api.assess(request),
        request.closedWorld ? api.assess({ ...request, closedWorld: false }) : undefined,
      ]);
      if (ticket !== this.ticket) return;
      this.result = result;
      this.error = undefined;
      this.order(Object.keys(request.facts ?? {}), (openWorld ?? result).missingFacts.map((f) => f.id));
    } catch (err) {
      if (ticket !== this.ticket) return;
      this.error = err instanceof Error ? err.message : String(err);
      this.result = undefined;
    } finally {
      if (ticket === this.ticket) this.loading = false;
    }
  }

  clear(): void {
    this.ticket++;
    this.result = undefined;
    this.questions = [];
    this.loading = false;
  }

  private order(answered: string[], missing: string[]): void {
    const keep = new Set([...answered, ...missing]);
    const kept = this.questions.filter((id) => keep.has(id));
    const added = [...answered, ...missing].filter((id) => !kept.includes(id));
    this.questions = [...new Set([...kept, ...added])];
  }
}

export const assessment = new AssessmentStore();
