// The report's CSV tables as a person opens them in a spreadsheet: the first header row in the reader's
// language, the second the machine names (stable across languages, for scripts: skip two rows, or read the
// second); times in the room's local time with their UTC offset (2026-12-08 20:05:00+08:00), never a bare UTC
// `Z`; ratios rounded to 4 places. Pure: the route picks the table, language and time zone.
import type { ProductStats } from '../../shared/state.ts';

export type CsvLang = 'zh' | 'en';
/** When the reader names none: the platforms these rooms stream on run on China Standard Time. */
export const DEFAULT_CSV_TIME_ZONE = 'Asia/Shanghai';

interface Column<T> {
  key: string;
  zh: string;
  en: string;
  get: (row: T) => unknown;
  ratio?: boolean;
}

export interface MinuteRow {
  minute: number;
  online: number | null;
  entries: number | null;
  comments: number | null;
  clicks: number | null;
  orders: number | null;
  gmv: number | null;
}

const col = <T>(key: keyof T & string, zh: string, en: string, ratio = false): Column<T> => ({
  key,
  zh,
  en,
  get: (r) => r[key],
  ratio,
});

export function minuteColumns(timeZone: string): Column<MinuteRow>[] {
  return [
    { key: 'time', zh: '时间', en: 'Time', get: (r) => localTime(r.minute, timeZone) },
    col('online', '在线人数', 'Online'),
    col('entries', '进入人数', 'Entries'),
    col('comments', '评论数', 'Comments'),
    col('clicks', '商品点击', 'Product clicks'),
    col('orders', '订单数', 'Orders'),
    col('gmv', 'GMV（元）', 'GMV (CNY)'),
  ];
}

export const PRODUCT_COLUMNS: Column<ProductStats>[] = [
  col('id', '商品编号', 'Product id'),
  col('name', '商品名', 'Product'),
  col('price', '价格（元）', 'Price (CNY)'),
  col('exposureUsers', '曝光人数', 'Exposed users'),
  col('clickUsers', '点击人数', 'Click users'),
  col('clickRate', '点击率', 'Click rate', true),
  col('orderUsers', '下单人数', 'Ordering users'),
  col('orders', '订单数', 'Orders'),
  col('gmv', 'GMV（元）', 'GMV (CNY)'),
  col('paid', '成交金额（元）', 'Paid (CNY)'),
  col('payUsers', '成交人数', 'Paying users'),
  col('explainSeconds', '讲解时长（秒）', 'Explained (s)'),
  col('explainOrders', '讲解期间订单', 'Orders while explained'),
  col('explainGmv', '讲解期间 GMV（元）', 'GMV while explained (CNY)'),
];

/** The rows as cells: the two header rows, then the values (ratios to 4 places). */
export function csvRows<T>(rows: T[], columns: Column<T>[], lang: CsvLang): unknown[][] {
  const round = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 10_000) / 10_000 : v);
  return [
    columns.map((c) => c[lang]),
    columns.map((c) => c.key),
    ...rows.map((r) => columns.map((c) => (c.ratio ? round(c.get(r)) : c.get(r)))),
  ];
}

/** `2026-12-08 20:05:00+08:00` in `timeZone` (ISO 8601 with a space, which spreadsheets read as a time). */
export function localTime(ts: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(ts);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  const offset = p('timeZoneName').replace('GMT', '') || '+00:00';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}:${p('second')}${offset}`;
}

/** Whether the runtime knows the zone (a bad one must be a 400, not a thrown RangeError). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
