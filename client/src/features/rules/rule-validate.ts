// Checks a draft before it is sent, against the limits AlertRuleSchema declares (read from the schema, so the
// editor and the server cannot drift apart), then against the shared rulesProblem() the server runs too. Each
// issue names the rule and field so the input can be marked.
import { Value } from '@sinclair/typebox/value';
import {
  AlertRuleSchema,
  AlertRulesSchema,
  ConditionSchema,
  ruleProblem,
  rulesProblem,
} from '../../../../shared/alerts.ts';
import type { Key } from '../../lib/i18n.ts';
import { type DraftRule, fromDraft, type NumField, parseNum, TIMING_FIELDS } from './rule-draft.ts';
import { fill } from './rule-words.ts';

export interface RuleIssue {
  ruleId: string;
  /** The field to mark; 'rule' when it is the rule as a whole. */
  field: NumField | 'name' | 'action' | 'product' | 'rule';
  key: Key;
  vars: Record<string, string | number>;
}

type Limits = { minimum?: number; maximum?: number };
const props = AlertRuleSchema.properties;
const drop = ConditionSchema.anyOf[2].properties;
const LABEL: Record<NumField, Key> = {
  forSeconds: 'ruleFor',
  keepFiringForSeconds: 'ruleKeep',
  cooldownSeconds: 'ruleCooldown',
  minSample: 'ruleMinSample',
  threshold: 'condThreshold',
  pct: 'condPct',
  baselineMinutes: 'condBaseline',
  perMinute: 'condPerMinute',
};
export const fieldLabel = (f: NumField): Key => LABEL[f];

/** The issue as a sentence in the screen's language. */
export function issueText(i: RuleIssue, t: (k: Key) => string): string {
  const field = i.field in LABEL ? t(LABEL[i.field as NumField]) : '';
  return fill(t(i.key), { ...i.vars, field });
}

function checkInt(d: DraftRule, field: NumField, lim: Limits, out: RuleIssue[]): void {
  const v = parseNum(d.num[field]);
  const min = lim.minimum ?? 0;
  const max = lim.maximum ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isInteger(v) || v < min || v > max) out.push({ ruleId: d.id, field, key: 'errInt', vars: { min, max } });
}

function checkCondition(d: DraftRule, out: RuleIssue[]): void {
  if (d.kind === 'drop') {
    const pct = parseNum(d.num.pct) / 100;
    if (!(pct > drop.pct.exclusiveMinimum! && pct <= drop.pct.maximum!))
      out.push({ ruleId: d.id, field: 'pct', key: 'errPct', vars: {} });
    checkInt(d, 'baselineMinutes', drop.baselineMinutes, out);
    return;
  }
  const field = d.kind === 'rate' ? 'perMinute' : 'threshold';
  if (!Number.isFinite(parseNum(d.num[field]))) out.push({ ruleId: d.id, field, key: 'errNumber', vars: {} });
}

function checkRule(d: DraftRule, out: RuleIssue[]): void {
  const name = d.name.trim();
  if (name.length < props.name.minLength! || name.length > props.name.maxLength!)
    out.push({ ruleId: d.id, field: 'name', key: 'errName', vars: {} });
  if (d.action.length > props.action.maxLength!)
    out.push({ ruleId: d.id, field: 'action', key: 'errAction', vars: {} });
  for (const f of TIMING_FIELDS) checkInt(d, f, props[f], out);
  checkCondition(d, out);
}

/** Every problem of the draft, in list order; empty when it may be sent. */
export function validateDrafts(drafts: DraftRule[]): RuleIssue[] {
  const out: RuleIssue[] = [];
  const seen = new Set<string>();
  for (const d of drafts) {
    if (seen.has(d.id)) out.push({ ruleId: d.id, field: 'rule', key: 'errDuplicate', vars: {} });
    seen.add(d.id);
    checkRule(d, out);
  }
  // The field checks above give the words; the schema itself is the last word, so nothing it refuses is sent.
  if (out.length === 0 && !Value.Check(AlertRulesSchema, drafts.map(fromDraft))) {
    const e = Value.Errors(AlertRulesSchema, drafts.map(fromDraft)).First();
    const rule = drafts[Number(e?.path.split('/')[1])];
    out.push({
      ruleId: rule?.id ?? '',
      field: 'rule',
      key: 'errSchema',
      vars: { path: e?.path ?? '', message: e?.message ?? '' },
    });
  }
  return out;
}

/** A problem of the list as the server would refuse it (its 400 code and message), with the rule to mark. */
export interface ListProblem {
  code: string;
  message: string;
  ruleId: string | null;
  field: 'product' | 'rule';
}

/** The shared rulesProblem() on the list about to be sent: a duplicate id, a productId on a room metric, stock
 * without a threshold. Only for drafts that passed validateDrafts (fromDraft needs sound numbers). */
export function listProblem(drafts: DraftRule[]): ListProblem | null {
  const rules = drafts.map(fromDraft);
  const p = rulesProblem(rules);
  if (p === null) return null;
  const culprit =
    p.code === 'duplicate_rule_id'
      ? rules.find((r, i) => rules.findIndex((x) => x.id === r.id) !== i)
      : rules.find((r) => ruleProblem(r) !== null);
  return { ...p, ruleId: culprit?.id ?? null, field: p.code === 'rule_not_per_product' ? 'product' : 'rule' };
}
