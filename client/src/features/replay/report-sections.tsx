// The 复盘 report's two sections from this feature: the viewers' questions (asked and answered by topic and
// product, share answered, median time to answer, top unanswered) and the effect ledger (each action and what it
// moved, then each kind of action pooled over the room's recent sessions).
import type { LedgerRow, LedgerSummary } from '../../../../shared/effects.ts';
import type { QuestionEntry, QuestionStats } from '../../../../shared/questions.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { type QDict, useQT } from '../../lib/questions-dict.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { EffectText } from '../../widgets/action-marker.tsx';

interface Sections {
  questions?: { stats: QuestionStats | null; topUnanswered: QuestionEntry[] };
  ledger?: LedgerRow[];
  ledgerSummary?: LedgerSummary[];
  products: { id: string; name: string }[];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function ReportQuestions({ r }: { r: Sections }) {
  const qt = useQT();
  const s = r.questions?.stats;
  const name = (id: string) => (id === '' ? qt('noProduct') : (r.products.find((p) => p.id === id)?.name ?? id));
  return (
    <div className="panel" data-testid="report-questions">
      <h2>{qt('questionsReport')}</h2>
      {!s || s.questions === 0 ? (
        <p className="muted">{qt('noQuestions')}</p>
      ) : (
        <>
          <p data-testid="questions-summary">
            {qt('asked')} {s.questions}（{s.askers}
            {qt('askers')}）· {qt('shareAnswered')} {pct(s.answered / s.questions)} · {qt('medianAnswer')}{' '}
            {s.medianAnswerMs === null ? '—' : `${Math.round(s.medianAnswerMs / 1000)}s`}
          </p>
          <table>
            <tbody>
              {s.byTopic.map((c) => (
                <tr key={`t-${c.key}`}>
                  <td>{qt.topic(c.key as never)}</td>
                  <td>
                    {c.answered}/{c.questions}
                  </td>
                  <td>
                    {c.askers}
                    {qt('askers')}
                  </td>
                </tr>
              ))}
              {s.byProduct.map((c) => (
                <tr key={`p-${c.key}`}>
                  <td>{name(c.key)}</td>
                  <td>
                    {c.answered}/{c.questions}
                  </td>
                  <td>
                    {c.askers}
                    {qt('askers')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{qt('topUnanswered')}</h3>
          <ol>
            {(r.questions?.topUnanswered ?? []).map((q) => (
              <li key={q.id}>
                {q.text}（{q.askers}
                {qt('askers')}）
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

export function ReportLedger({ r }: { r: Sections }) {
  const qt = useQT();
  const lang = useUiStore((s) => s.lang);
  const rows = r.ledger ?? [];
  const name = (id: string | null) => (id ? (r.products.find((p) => p.id === id)?.name ?? id) : null);
  return (
    <div className="panel wide report-ledger" data-testid="report-ledger">
      <h2>{qt('ledger')}</h2>
      {rows.length === 0 ? <p className="muted">{qt('noLedger')}</p> : null}
      <table>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.ts}-${row.kind}-${row.productId}`} data-testid="ledger-row" data-kind={row.kind}>
              <td>{fmtDateTime(row.ts, lang)}</td>
              <td>{row.note ?? ''}</td>
              <td className={`effect-${row.effect.verdict}`}>
                <EffectText row={row} name={name(row.productId)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {(r.ledgerSummary ?? []).length > 0 ? (
        <>
          <h3>{qt('ledgerAcross')}</h3>
          <ul data-testid="ledger-summary">
            {(r.ledgerSummary ?? []).map((s) => (
              <li key={`${s.kind}-${s.note}-${s.metric}`}>{summaryText(s, qt)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** `限时秒杀「话术」：点击-下单 +18%（±9%），12 次`, in the screen's language. */
export function summaryText(s: LedgerSummary, qt: QDict): string {
  const fig =
    s.verdict === 'uncertain' || s.relative === null
      ? qt.verdict('uncertain')
      : `${s.relative >= 0 ? '+' : ''}${Math.round(s.relative * 100)}%（±${Math.round((s.plusMinus ?? 0) * 100)}%）`;
  return `${qt.action(s.kind)}${s.note ? `「${s.note}」` : ''}：${qt.metric(s.metric)} ${fig}，${s.count} ${qt('times')}`;
}
