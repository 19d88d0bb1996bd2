// Which product a rule watches: the one being explained (no productId) or one product of the room's catalogue.
// Names come from the room state and are shown as text; an id the catalogue does not list stays selectable as
// its id, so opening and saving the editor never loses it.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PRODUCT_METRICS } from '../../../../shared/alerts.ts';
import { useT } from '../../lib/i18n.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import type { DraftRule } from './rule-draft.ts';

/** id → name of the room's products; a new map only when an id or a name changes, not on every tick. */
export function useCatalogue(): ReadonlyMap<string, string> {
  const flat = useRoomStore(useShallow((s) => (s.state?.products ?? []).flatMap((p) => [p.id, p.name])));
  return useMemo(() => {
    const names = new Map<string, string>();
    for (let i = 0; i + 1 < flat.length; i += 2) names.set(flat[i]!, flat[i + 1]!);
    return names;
  }, [flat]);
}

interface PickerProps {
  rule: DraftRule;
  products: ReadonlyMap<string, string>;
  invalid: boolean;
  onEdit: (patch: Partial<DraftRule>) => void;
}

/** Shown for the per-product metrics, and for any rule that carries a productId (so a misplaced one can be
 * cleared: the room metrics read "整个直播间" there). */
export function ProductPicker({ rule, products, invalid, onEdit }: PickerProps) {
  const t = useT();
  const perProduct = PRODUCT_METRICS.has(rule.metric);
  if (!perProduct && rule.productId === null) return null;
  const options = [...products];
  if (rule.productId !== null && !products.has(rule.productId)) options.push([rule.productId, rule.productId]);
  return (
    <label className="rule-num rule-product">
      <span className="rule-label">{t('ruleProduct')}</span>
      <select
        data-testid="rule-product"
        aria-invalid={invalid}
        value={rule.productId ?? ''}
        // Product ids are never empty (minLength 1), so '' can stand for "no product".
        onChange={(e) => onEdit({ productId: e.target.value === '' ? null : e.target.value })}
      >
        <option value="">{t(perProduct ? 'ruleProductExplained' : 'ruleProductRoom')}</option>
        {options.map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
