// One rule: its words and figures, as inputs for the seats that edit and as plain text for the viewer. Names
// and 话术 come from the server and are rendered as text or input values only.
import { SEVERITY_RANK, type Severity } from '../../../../shared/alerts.ts';
import { type Key, useT } from '../../lib/i18n.ts';
import { type DraftRule, type NumField, TIMING_FIELDS } from './rule-draft.ts';
import { ProductPicker } from './rule-product.tsx';
import { fieldLabel, type RuleIssue } from './rule-validate.ts';
import { ruleWords } from './rule-words.ts';

const SEVERITIES = Object.keys(SEVERITY_RANK) as Severity[];
const TESTID: Record<NumField, string> = {
  forSeconds: 'rule-for',
  keepFiringForSeconds: 'rule-keep',
  cooldownSeconds: 'rule-cooldown',
  minSample: 'rule-min-sample',
  threshold: 'rule-threshold',
  pct: 'rule-pct',
  baselineMinutes: 'rule-baseline',
  perMinute: 'rule-per-minute',
};
const UNIT: Partial<Record<NumField, Key>> = {
  forSeconds: 'seconds',
  keepFiringForSeconds: 'seconds',
  cooldownSeconds: 'seconds',
  baselineMinutes: 'minutes',
};

interface CardProps {
  rule: DraftRule;
  editable: boolean;
  issues: RuleIssue[];
  /** Where the shared list check (rulesProblem) found this rule wrong, if it did. */
  problem: 'product' | 'rule' | null;
  /** id → name of the room's products, for the picker and the words. */
  products: ReadonlyMap<string, string>;
  onEdit: (patch: Partial<DraftRule>) => void;
  onDelete: () => void;
}

export function RuleCard({ rule, editable, issues, problem, products, onEdit, onDelete }: CardProps) {
  const t = useT();
  const bad = new Set<string>([...issues.map((i) => i.field), ...(problem ? [problem, 'rule'] : [])]);
  const num = { rule, editable, bad, onEdit };
  const productName = rule.productId === null ? undefined : products.get(rule.productId);
  return (
    <li
      className={`rule-card sev-${rule.severity}${rule.enabled ? '' : ' off'}${bad.has('rule') ? ' flagged' : ''}`}
      data-testid="rule-item"
      data-rule={rule.id}
      data-enabled={String(rule.enabled)}
    >
      <HeadLine {...{ rule, editable, bad, onEdit, onDelete }} />
      <div className="rule-line">
        <span className="rule-label">{t('ruleCondition')}</span>
        <span className="rule-words" data-testid="rule-condition">
          {ruleWords(rule, t, productName)}
        </span>
        {editable ? <ConditionInputs {...num} products={products} /> : null}
      </div>
      <div className="rule-line rule-timing">
        {TIMING_FIELDS.map((f) => (
          <NumInput key={f} field={f} {...num} />
        ))}
      </div>
      <ActionLine {...{ rule, editable, bad, onEdit }} />
    </li>
  );
}

function ActionLine(p: LineProps) {
  const t = useT();
  return (
    <div className="rule-line">
      <span className="rule-label">{t('ruleAction')}</span>
      <TextField field="action" label="ruleAction" empty="—" {...p} />
    </div>
  );
}

/** The rule's name or 话术: an input for the seats that edit, plain text (server text, never HTML) otherwise. */
function TextField(p: LineProps & { field: 'name' | 'action'; label: Key; empty?: string }) {
  const t = useT();
  const cls = `rule-${p.field}`;
  if (!p.editable)
    return (
      <span className={cls} data-testid={`rule-${p.field}`}>
        {p.rule[p.field] || p.empty}
      </span>
    );
  return (
    <input
      className={`${cls}${p.bad.has(p.field) ? ' invalid' : ''}`}
      data-testid={`rule-${p.field}`}
      aria-label={t(p.label)}
      value={p.rule[p.field]}
      onChange={(e) => p.onEdit({ [p.field]: e.target.value })}
    />
  );
}

function HeadLine({ rule, editable, bad, onEdit, onDelete }: LineProps & { onDelete: () => void }) {
  const t = useT();
  return (
    <div className="rule-line rule-head">
      <label className="rule-toggle">
        <input
          type="checkbox"
          data-testid="rule-enabled"
          checked={rule.enabled}
          disabled={!editable}
          onChange={(e) => onEdit({ enabled: e.target.checked })}
        />
        {t('ruleEnabled')}
      </label>
      <TextField field="name" label="ruleName" {...{ rule, editable, bad, onEdit }} />
      {editable ? (
        <select
          data-testid="rule-severity"
          aria-label={t('ruleSeverity')}
          value={rule.severity}
          onChange={(e) => onEdit({ severity: e.target.value as Severity })}
        >
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(s)}
            </option>
          ))}
        </select>
      ) : (
        <span className="sev" data-testid="rule-severity">
          {t(rule.severity)}
        </span>
      )}
      {editable ? (
        <button type="button" className="rule-delete" data-testid="rule-delete" onClick={onDelete}>
          {t('ruleDelete')}
        </button>
      ) : null}
    </div>
  );
}

type LineProps = Pick<CardProps, 'rule' | 'editable' | 'onEdit'> & { bad: Set<string> };

function ConditionInputs({ products, ...p }: LineProps & { products: ReadonlyMap<string, string> }) {
  return (
    <span className="rule-cond-inputs">
      <ProductPicker rule={p.rule} products={products} invalid={p.bad.has('product')} onEdit={p.onEdit} />
      {/* 数据中断 is a 0/1 signal: no figure to edit. */}
      {p.rule.metric === 'sourceDown' ? null : p.rule.kind === 'drop' ? (
        <>
          <NumInput field="pct" suffix="%" {...p} />
          <NumInput field="baselineMinutes" {...p} />
        </>
      ) : (
        <NumInput field={p.rule.kind === 'rate' ? 'perMinute' : 'threshold'} {...p} />
      )}
    </span>
  );
}

function NumInput({ field, rule, editable, bad, onEdit, suffix }: LineProps & { field: NumField; suffix?: string }) {
  const t = useT();
  const unitKey = UNIT[field];
  const unit = suffix ?? (unitKey ? t(unitKey) : '');
  const cls = `rule-num${bad.has(field) ? ' invalid' : ''}`;
  const label = <span className="rule-label">{t(fieldLabel(field))}</span>;
  const after = unit ? <span className="rule-unit">{unit}</span> : null;
  if (!editable)
    return (
      <span className={cls}>
        {label}
        <span data-testid={TESTID[field]}>{rule.num[field]}</span>
        {after}
      </span>
    );
  return (
    <label className={cls}>
      {label}
      <input
        data-testid={TESTID[field]}
        inputMode="decimal"
        aria-invalid={bad.has(field)}
        value={rule.num[field]}
        onChange={(e) => onEdit({ num: { ...rule.num, [field]: e.target.value } })}
      />
      {after}
    </label>
  );
}
