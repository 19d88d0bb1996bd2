// The conversion funnel 直播间曝光 → 进入 → 商品曝光 → 商品点击 → 创建订单 → 成交 and its stage rates,
// with the denominators the platforms use (DOMAIN.md): every rate is people ÷ people of the previous stage,
// except 成交转化率, which is paying people ÷ entered viewers.
import type { Funnel } from '../state.ts';
import { ratio } from './ratio.ts';

export type FunnelStages = Funnel['stages'];

export function funnelRates(s: FunnelStages): Funnel['rates'] {
  return {
    enter: ratio(s.enter, s.exposure),
    productExposure: ratio(s.productExposure, s.enter),
    click: ratio(s.productClick, s.productExposure),
    clickToOrder: ratio(s.orderCreated, s.productClick),
    orderToPaid: ratio(s.paid, s.orderCreated),
    conversion: ratio(s.paid, s.enter),
  };
}

export function buildFunnel(stages: FunnelStages): Funnel {
  return { stages, rates: funnelRates(stages) };
}
