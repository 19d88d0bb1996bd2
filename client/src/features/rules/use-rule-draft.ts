// The editor's local state: a draft that starts from the stored rules on the first edit, is checked on Save,
// and is dropped when the server's broadcast brings back exactly what was sent. Someone else's change while
// editing keeps the draft and says so; the component never writes the rules store itself.
import { useEffect, useRef, useState } from 'react';
import type { AlertMetric, AlertRule } from '../../../../shared/alerts.ts';
import { useRulesStore } from '../../stores/rules-store.ts';
import { type DraftRule, fromDraft, newRule, toDraft } from './rule-draft.ts';
import { type ListProblem, listProblem, type RuleIssue, validateDrafts } from './rule-validate.ts';
import { putRules, type SaveResult } from './rules-api.ts';

export type Refusal = Extract<SaveResult, { ok: false }>;
type Phase = 'idle' | 'saving' | 'sent';

export function useRuleDraft(roomId: string) {
  const stored = useRulesStore((s) => s.rules);
  const [draft, setDraft] = useState<DraftRule[] | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [checked, setChecked] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  /** The stored list the draft was started from, to notice a change made elsewhere meanwhile. */
  const base = useRef<AlertRule[] | null>(null);
  const sentJson = useRef<string | null>(null);

  const rows = draft ?? (stored ?? []).map(toDraft);
  const issues = checked ? validateDrafts(rows) : ([] as RuleIssue[]);
  // The list check needs sound fields: it runs once they pass, as the server would run it after its schema.
  const problem: ListProblem | null = checked && issues.length === 0 ? listProblem(rows) : null;
  // Our own save is confirmed by its echo: the same list, arriving through the bridge.
  useEffect(() => {
    if (phase === 'sent' && stored && JSON.stringify(stored) === sentJson.current) {
      setDraft(null);
      setPhase('idle');
      setChecked(false);
    }
  }, [stored, phase]);

  const change = (f: (rows: DraftRule[]) => DraftRule[]) => {
    if (draft === null) base.current = stored;
    setDraft(f(rows));
    setRefusal(null);
    if (phase === 'sent') setPhase('idle');
  };

  const save = async () => {
    setChecked(true);
    setRefusal(null);
    if (validateDrafts(rows).length > 0 || listProblem(rows) !== null) return;
    const rules = rows.map(fromDraft);
    sentJson.current = JSON.stringify(rules);
    setPhase('saving');
    const res = await putRules(roomId, rules);
    setPhase(res.ok ? 'sent' : 'idle');
    if (!res.ok) setRefusal(res);
  };

  return {
    rows,
    dirty: draft !== null,
    phase,
    refusal,
    issues,
    problem,
    outdated: draft !== null && phase === 'idle' && stored !== base.current,
    edit: (id: string, patch: Partial<DraftRule>) =>
      change((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch } : r))),
    remove: (id: string) => change((rs) => rs.filter((r) => r.id !== id)),
    add: (metric: AlertMetric, name: string) =>
      change((rs) => [...rs, toDraft(newRule(metric, name, new Set(rs.map((r) => r.id))))]),
    save,
    discard: () => {
      setDraft(null);
      setChecked(false);
      setRefusal(null);
    },
  };
}

export type Draft = ReturnType<typeof useRuleDraft>;
