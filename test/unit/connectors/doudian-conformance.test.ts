// Every 抖店 push fixture through the adapter (signature over the raw body, then parse): the order messages
// field by field; an order created without an amount says so instead of claiming 0.
import { describe, expect, it } from 'vitest';
import { doudianSign, douyinShop } from '../../../server/sources/connectors/shop/douyin-shop.ts';
import { conformanceCases } from '../../helpers/conformance.ts';

const cases = conformanceCases('doudian.json');
const KEY = '7123456789012345678';
const SECRET = 'fixture-app-secret-0001';

describe('抖店 push conformance', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const body = JSON.stringify(c.messages);
    const headers = { 'app-id': KEY, 'event-sign': doudianSign(KEY, body, SECRET) };
    expect(douyinShop.verify(headers, body, SECRET, KEY)).toBe(true);
    const parsed = douyinShop.parse(body);
    expect(parsed?.orders).toEqual(c.expect);
    expect((parsed?.ignored ?? 0) > 0).toBe(c.unknown ?? false);
  });
});
