// The assessment of the situation in the URL (kind, profession, recipient,
// facts, closed world), re-run on every change. While a new answer is on its
// way the previous one stays, marked outdated; when the server cannot be
// reached the error says so and `retry` asks again. For the next question the
// store also asks what Oui and Non would give, to announce the questions an
// answer opens.
import { api, ApiRequestError } from '../api.ts';
import type { Answer, InterviewRequest } from '../types.ts';

export interface ShownError {
  message: string;
  /** the server is down or too slow: worth a « Réessayer » */
  unreachable: boolean;
}

const shown = (err: unknown): ShownError =>
  err instanceof ApiRequestError
    ? { message: err.message, unreachable: err.unreachable }
    : { message: 'Une erreur inattendue est survenue.', unreachable: true };

export interface Preview {
  yes?: Answer;
  no?: Answer;
}

class AssessmentStore {
  result = $state.raw<Answer>();
  /** under a closed world, the open-world answer: its missing facts are the questions */
  openWorld = $state.raw<Answer>();
  loading = $state(false);
  error = $state.raw<ShownError>();
  /** fact id → the answers Oui and Non would give (for the next question only) */
  previews = $state.raw(new Map<string, Preview>());
  private ticket = 0;
  private last?: InterviewRequest;

  /** The answer shown is not that of the situation asked (still loading, or the server failed). */
  get outdated(): boolean {
    return this.result !== undefined && (this.loading || this.error !== undefined);
  }

  async run(request: InterviewRequest): Promise<void> {
    const ticket = ++this.ticket;
    this.last = request;
    this.loading = true;
    try {
      const [result, openWorld] = await Promise.all([api.assess(request), request.closedWorld ? api.assess({ ...request, closedWorld: false }) : undefined]);
      if (ticket !== this.ticket) return;
      this.result = result;
      this.openWorld = openWorld ?? result;
      this.previews = new Map();
      this.error = undefined;
    } catch (err) {
      if (ticket === this.ticket) this.error = shown(err);
    } finally {
      if (ticket === this.ticket) this.loading = false;
    }
  }

  retry(): void {
    if (this.last) void this.run(this.last);
  }

  /** What answering `fact` Oui or Non would give; asked once per answer shown, never shown as an error. */
  async preview(fact: string, both: boolean): Promise<void> {
    const base = this.last;
    const ticket = this.ticket;
    if (!base || this.previews.has(fact)) return;
    this.previews = new Map(this.previews).set(fact, {});
    const ask = (value: boolean) => api.assess({ ...base, closedWorld: false, facts: { ...base.facts, [fact]: value } }).catch(() => undefined);
    const [yes, no] = await Promise.all([ask(true), both ? ask(false) : undefined]);
    if (ticket === this.ticket) this.previews = new Map(this.previews).set(fact, { yes, no });
  }

  clear(): void {
    this.ticket++;
    this.last = undefined;
    this.result = undefined;
    this.openWorld = undefined;
    this.error = undefined;
    this.loading = false;
  }
}

export const assessment = new AssessmentStore();
