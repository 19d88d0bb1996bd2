// What stops a save, or what became of it: the draft's field problems, a problem of the list as the server
// would refuse it (shared rulesProblem(), shown with the same code), the server's refusal, a change elsewhere.
import { type Key, useT } from '../../lib/i18n.ts';
import { issueText } from './rule-validate.ts';
import { fill } from './rule-words.ts';
import type { Draft } from './use-rule-draft.ts';

/** The words for the codes rulesProblem() returns; another code is shown with the shared message alone. */
const PROBLEM_WORDS: Record<string, Key> = {
  duplicate_rule_id: 'errDuplicate',
  rule_not_per_product: 'errNotPerProduct',
  invalid_condition: 'errStockCondition',
};

export function Messages({ d }: { d: Draft }) {
  const t = useT();
  const names = new Map(d.rows.map((r) => [r.id, r.name || r.id]));
  if (d.issues.length > 0)
    return (
      <div className="rules-msg error" role="alert" data-testid="rules-error" data-code="invalid_draft">
        <strong>{fill(t('rulesInvalid'), { n: d.issues.length })}</strong>
        <ul>
          {d.issues.slice(0, 4).map((i) => (
            <li key={`${i.ruleId}.${i.field}.${i.key}`}>
              {names.get(i.ruleId)}: {issueText(i, t)}
            </li>
          ))}
        </ul>
      </div>
    );
  if (d.problem) {
    const { code, message, ruleId } = d.problem;
    const words = PROBLEM_WORDS[code];
    return (
      <div className="rules-msg error" role="alert" data-testid="rules-error" data-code={code}>
        <strong>{t('rulesProblem')}</strong>
        <div>
          {ruleId !== null && words ? `${names.get(ruleId) ?? ruleId}: ${t(words)} · ` : ''}
          <code>{code}</code>: {message}
        </div>
      </div>
    );
  }
  if (d.refusal)
    return (
      <div className="rules-msg error" role="alert" data-testid="rules-error" data-code={d.refusal.code}>
        <strong>{t('rulesRefused')}</strong>
        <div>
          {d.refusal.status ?? ''} <code>{d.refusal.code}</code>: {d.refusal.message}
        </div>
      </div>
    );
  if (d.phase === 'sent') return <div className="rules-msg">{t('rulesSaved')}</div>;
  if (d.outdated) return <div className="rules-msg warn">{t('rulesOutdated')}</div>;
  return <div className="rules-msg" />;
}
