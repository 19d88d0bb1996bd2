// The rules drawer: every rule of the room from the rules store, editable by the 场控 and 助播, read-only for
// the viewer. Save sends the whole list; the result comes back through the socket into the store.
import { useEffect, useState } from 'react';
import { ALERT_METRICS, type AlertMetric, AlertRulesSchema } from '../../../../shared/alerts.ts';
import { type Key, useT } from '../../lib/i18n.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { useRulesStore } from '../../stores/rules-store.ts';
import { RuleCard } from './rule-card.tsx';
import { Messages } from './rule-messages.tsx';
import { useCatalogue } from './rule-product.tsx';
import { METRIC_LABEL } from './rule-words.ts';
import { type Draft, useRuleDraft } from './use-rule-draft.ts';

/** The roles that may change rules (PUT /alert-rules); an unknown one is shown as the server sent it. */
const ROLE_LABEL: Record<string, Key> = {
  controller: 'roleController',
  assistant: 'roleAssistant',
  admin: 'roleAdmin',
};

export function RuleEditor({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const t = useT();
  const seat = useRoomStore((s) => s.seat);
  const editable = seat === 'controller' || seat === 'assistant';
  const loaded = useRulesStore((s) => s.rules !== null);
  const d = useRuleDraft(roomId);
  const products = useCatalogue();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside className="rules-drawer" role="dialog" aria-label={t('rules')} data-testid="rule-editor">
      <header className="rules-top">
        <h2>
          {t('rules')} <span className="count">{d.rows.length}</span>
        </h2>
        <LastChange />
        <button type="button" data-testid="rules-close" onClick={onClose}>
          {t('rulesClose')}
        </button>
      </header>
      {editable ? null : <p className="rules-note">{t('rulesReadOnly')}</p>}
      {loaded ? null : <p className="rules-note">{t('rulesNotLoaded')}</p>}
      {loaded && d.rows.length === 0 ? <p className="rules-note">{t('rulesEmpty')}</p> : null}
      <ul className="rules-list" data-testid="rule-list">
        {d.rows.map((r) => (
          <RuleCard
            key={r.id}
            rule={r}
            editable={editable}
            issues={d.issues.filter((i) => i.ruleId === r.id)}
            problem={d.problem?.ruleId === r.id ? d.problem.field : null}
            products={products}
            onEdit={(patch) => d.edit(r.id, patch)}
            onDelete={() => d.remove(r.id)}
          />
        ))}
      </ul>
      {editable && loaded ? <SaveBar d={d} /> : null}
    </aside>
  );
}

function LastChange() {
  const t = useT();
  const by = useRulesStore((s) => s.changedBy);
  if (by === null) return null;
  const role = ROLE_LABEL[by];
  return (
    <span className="rules-by" data-testid="rules-changed-by">
      {t('rulesChangedBy')}: {role ? t(role) : by}
    </span>
  );
}

function SaveBar({ d }: { d: Draft }) {
  const t = useT();
  const busy = d.phase === 'saving';
  return (
    <footer className="rules-bottom">
      <AddRule d={d} />
      <Messages d={d} />
      <button type="button" data-testid="rules-discard" disabled={!d.dirty || busy} onClick={d.discard}>
        {t('rulesDiscard')}
      </button>
      <button
        type="button"
        className="primary"
        data-testid="rules-save"
        disabled={!d.dirty || busy}
        onClick={() => void d.save()}
      >
        {busy ? t('rulesSaving') : t('rulesSave')}
      </button>
    </footer>
  );
}

function AddRule({ d }: { d: Draft }) {
  const t = useT();
  const [metric, setMetric] = useState<AlertMetric>('online');
  const full = d.rows.length >= (AlertRulesSchema.maxItems ?? Number.POSITIVE_INFINITY);
  return (
    <div className="rules-add">
      <select
        data-testid="rule-add-metric"
        aria-label={t('ruleMetric')}
        value={metric}
        onChange={(e) => setMetric(e.target.value as AlertMetric)}
      >
        {ALERT_METRICS.map((m) => (
          <option key={m} value={m}>
            {t(METRIC_LABEL[m])}
          </option>
        ))}
      </select>
      <button
        type="button"
        data-testid="rule-add"
        disabled={full}
        onClick={() => d.add(metric, t(METRIC_LABEL[metric]))}
      >
        + {t('ruleAdd')}
      </button>
    </div>
  );
}
