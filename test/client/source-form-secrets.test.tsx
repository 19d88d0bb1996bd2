// @vitest-environment jsdom
// Source secrets are write-only (issue 16.6): the form fills in the stored shop source as listed, its secrets
// masked, and sends the mask back unchanged, so the server keeps the stored secrets.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SourceForm } from '../../client/src/features/sources/source-form.tsx';
import type { SourceView } from '../../client/src/features/sources/sources-api.ts';
import { type Mounted, mount, resetStores } from './render.tsx';

let m: Mounted | null = null;
let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(() => {
  resetStores();
  fetchMock = vi.fn().mockResolvedValue(new Response(JSON.stringify({ sources: [] }), { status: 201 }));
  vi.stubGlobal('fetch', fetchMock);
  window.history.replaceState(null, '', '/?room=r1&seat=controller');
});
afterEach(() => {
  m?.unmount();
  m = null;
  vi.unstubAllGlobals();
});

const listed: SourceView[] = [
  {
    id: 'shop',
    config: {
      kind: 'shop-webhook',
      platform: 'douyin-shop',
      secret: '********',
      appKey: '********',
      productMap: { '358': 'p1' },
    },
    health: { kind: 'shop-webhook', status: 'ok', lastEventAt: null, lastSuccessAt: null, lagMs: null, error: null },
  },
];

describe('source form and stored secrets', () => {
  it('shows the stored shop source masked and sends the masks back unchanged', async () => {
    m = mount(<SourceForm roomId="r1" sources={listed} onAdded={() => {}} />);
    const select = m.byTestId('source-platform') as HTMLSelectElement;
    await act(async () => {
      select.value = 'shop-webhook';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect((m.byTestId('source-secret') as HTMLInputElement).value).toBe('********');
    expect((m.byTestId('source-appkey') as HTMLInputElement).value).toBe('********');
    expect(m.byTestId('secret-kept')).not.toBeNull();
    await act(async () => m!.byTestId('source-connect')!.click());
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/rooms/r1/sources');
    expect(JSON.parse(init.body)).toEqual({
      id: 'shop',
      source: {
        kind: 'shop-webhook',
        platform: 'douyin-shop',
        appKey: '********',
        secret: '********',
        productMap: { '358': 'p1' },
      },
    });
  });
});
