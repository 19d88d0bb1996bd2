// The viewers' questions: the 助播's live queue (askers × recency, one click to the prompter, answered or
// ignored) and the big screen's compact panel of the top unanswered ones. Both read the room state's queue.
import { useState } from 'react';
import type { QuestionEntry } from '../../../shared/questions.ts';
import { queueScore } from '../../../shared/questions.ts';
import { send } from '../lib/commands.ts';
import { useQT } from '../lib/questions-dict.ts';
import { useRoomStore } from '../stores/room-store.ts';

const EMPTY: QuestionEntry[] = [];

function useQueue(): QuestionEntry[] {
  const qs = useRoomStore((s) => s.state?.questions) ?? EMPTY;
  const now = useRoomStore((s) => s.state?.ts ?? 0);
  return [...qs].sort((a, b) => queueScore(b, now) - queueScore(a, now));
}

function useProductName(): (id: string | null) => string | null {
  const products = useRoomStore((s) => s.state?.products);
  return (id) => (id ? (products?.find((p) => p.id === id)?.name ?? id) : null);
}

export function QuestionQueue() {
  const qt = useQT();
  const queue = useQueue();
  const productName = useProductName();
  const [error, setError] = useState<string | null>(null);
  const act = async (name: 'question:cue' | 'question:answer' | 'question:ignore', questionId: string) => {
    const res = await send(name, { questionId });
    setError(res.ok ? null : qt.error(res.error.code));
  };
  return (
    <section className="panel question-queue" data-testid="question-queue">
      <h2>{qt('questions')}</h2>
      {queue.length === 0 ? <p className="muted">{qt('noQuestions')}</p> : null}
      <ol>
        {queue.map((q) => (
          <li key={q.id} className={`question q-${q.status}`} data-testid="question-row" data-question={q.id}>
            <div className="q-line">
              <span className="q-text">{q.text}</span>
              <span className="q-askers">
                {q.askers}
                {qt('askers')}
              </span>
              {q.rising ? <span className="q-rising">↑{qt('rising')}</span> : null}
            </div>
            <div className="q-meta">
              <span className="q-topic">{qt.topic(q.topic)}</span>
              {q.productId ? <span className="q-product">{productName(q.productId)}</span> : null}
              {q.status === 'cued' ? <span className="q-cued">{qt('cued')}</span> : null}
            </div>
            <div className="q-actions">
              <button
                type="button"
                data-testid="question-cue"
                disabled={q.status === 'cued'}
                onClick={() => void act('question:cue', q.id)}
              >
                {qt('toPrompter')}
              </button>
              <button type="button" data-testid="question-answer" onClick={() => void act('question:answer', q.id)}>
                {qt('answered')}
              </button>
              <button type="button" data-testid="question-ignore" onClick={() => void act('question:ignore', q.id)}>
                {qt('ignore')}
              </button>
            </div>
          </li>
        ))}
      </ol>
      {error ? (
        <div className="error" data-testid="question-error">
          {error}
        </div>
      ) : null}
    </section>
  );
}

/** The big screen's panel: the top five unanswered, askers first. */
export function QuestionPanelCompact() {
  const qt = useQT();
  const queue = useQueue().slice(0, 5);
  return (
    <section className="panel question-compact" data-testid="question-compact">
      <h2>{qt('questions')}</h2>
      {queue.length === 0 ? <p className="muted">{qt('noQuestions')}</p> : null}
      <ol>
        {queue.map((q) => (
          <li key={q.id}>
            <span className="q-text">{q.text}</span>
            <span className="q-askers">
              {q.askers}
              {qt('askers')}
            </span>
            {q.rising ? <span className="q-rising">↑</span> : null}
            <span className="q-topic">{qt.topic(q.topic)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
