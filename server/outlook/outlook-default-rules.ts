// The outlook's two rules, on by default: thresholds on its gauges (outlook-rules.ts), editable like the others.
import type { AlertRule } from '../../shared/alerts.ts';

export const OUTLOOK_RULES: AlertRule[] = [
  {
    id: 'target-out-of-reach',
    name: '目标难以完成',
    enabled: true,
    metric: 'targetReach',
    condition: { kind: 'below', value: 1 },
    // The forecast changes once a minute: two readings below the target before it pages anyone.
    forSeconds: 90,
    keepFiringForSeconds: 120,
    cooldownSeconds: 900,
    severity: 'warning',
    minSample: 0,
    action: '冲一波目标：上福利款，限时{价格}元，提醒{在线人数}位家人下单',
  },
  {
    id: 'cohort-retention-low',
    name: '新进观众留不住',
    enabled: true,
    metric: 'cohortRetention3m',
    condition: { kind: 'below', value: 0.5 },
    forSeconds: 0,
    keepFiringForSeconds: 120,
    cooldownSeconds: 600,
    severity: 'warning',
    minSample: 0,
    action: '欢迎新进来的家人，马上讲{商品名}的福利，点关注不迷路',
  },
];
