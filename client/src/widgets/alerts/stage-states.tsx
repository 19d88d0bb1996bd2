// Under the alerts: each conversion stage that cannot be judged from this feed, said in words (a relay without
// card exposures, orders no click can be linked to …), so a silent panel never reads as "all is well" for a
// stage nobody is watching. Stages still learning the room's usual rate say so too.
import type { StageState } from '../../../../shared/state.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';

type Lang = 'zh' | 'en';
const STAGES = ['click', 'order', 'pay'] as const;

const NAMES: Record<Lang, Record<(typeof STAGES)[number], string>> = {
  zh: { click: '商品点击率', order: '点击-下单', pay: '下单-支付' },
  en: { click: 'Click rate', order: 'Click→order', pay: 'Order→paid' },
};

const WHY: Record<Lang, Record<Exclude<StageState, 'judged'>, string>> = {
  zh: {
    learning: '正在学习（数据还不够判断平时水平）',
    noExposures: '无法判断（数据源没有商品曝光数据）',
    noClicks: '无法判断（数据源没有点击数据）',
    noOrders: '无法判断（数据源没有订单数据）',
    noPayments: '无法判断（数据源没有支付数据）',
  },
  en: {
    learning: 'learning (not enough data yet for the usual rate)',
    noExposures: 'cannot be judged (the feed has no product card exposures)',
    noClicks: 'cannot be judged (the feed has no clicks)',
    noOrders: 'cannot be judged (the feed has no orders)',
    noPayments: 'cannot be judged (the feed has no payments)',
  },
};

/** One line per stage not judged, in the screen's language. */
export function stageLines(stages: Record<(typeof STAGES)[number], StageState>, lang: Lang): string[] {
  const sep = lang === 'zh' ? '：' : ': ';
  return STAGES.filter((s) => stages[s] !== 'judged').map(
    (s) => `${NAMES[lang][s]}${sep}${WHY[lang][stages[s] as Exclude<StageState, 'judged'>]}`,
  );
}

export function StageStates() {
  const stages = useRoomStore((s) => s.state?.alertStages);
  const lang = useUiStore((s) => s.lang);
  if (!stages) return null;
  const lines = stageLines(stages, lang);
  if (lines.length === 0) return null;
  return (
    <ul className="stage-states" data-testid="alert-stage-states">
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}
