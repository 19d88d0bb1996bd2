// The session's question figures from the book's entries: counts by topic and product, share answered, median
// time to answer. Pure.
import type { QuestionCount, QuestionEntry, QuestionStats } from '../../../shared/questions.ts';

export function questionStats(entries: QuestionEntry[]): QuestionStats {
  const byTopic = new Map<string, QuestionCount>();
  const byProduct = new Map<string, QuestionCount>();
  const waits: number[] = [];
  let askers = 0;
  let answered = 0;
  let ignored = 0;
  for (const q of entries) {
    askers += q.askers;
    const done = q.status === 'answered';
    if (done) {
      answered++;
      if (q.answeredAt !== null) waits.push(q.answeredAt - q.firstAt);
    }
    if (q.status === 'ignored') ignored++;
    count(byTopic, q.topic, q, done);
    count(byProduct, q.productId ?? '', q, done);
  }
  waits.sort((a, b) => a - b);
  const mid = waits.length >> 1;
  const median = waits.length === 0 ? null : waits.length % 2 ? waits[mid]! : (waits[mid - 1]! + waits[mid]!) / 2;
  const sorted = (m: Map<string, QuestionCount>) => [...m.values()].sort((a, b) => b.askers - a.askers);
  return {
    questions: entries.length,
    askers,
    answered,
    ignored,
    medianAnswerMs: median,
    byTopic: sorted(byTopic),
    byProduct: sorted(byProduct),
  };
}

function count(m: Map<string, QuestionCount>, key: string, q: QuestionEntry, done: boolean): void {
  const c = m.get(key) ?? { key, questions: 0, askers: 0, answered: 0 };
  m.set(key, { key, questions: c.questions + 1, askers: c.askers + q.askers, answered: c.answered + (done ? 1 : 0) });
}
