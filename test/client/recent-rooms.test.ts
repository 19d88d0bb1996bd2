// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { loadRecentRooms, MAX_RECENT_ROOMS, rememberRoom } from '../../client/src/lib/recent-rooms.ts';

beforeEach(() => localStorage.clear());

describe('recent rooms', () => {
  it('puts the latest first, keeps a known name, and stays capped', () => {
    rememberRoom({ roomId: 'a', token: 't', name: '店铺A' });
    rememberRoom({ roomId: 'b', token: 't' });
    rememberRoom({ roomId: 'a', token: 't2' });
    expect(loadRecentRooms()).toEqual([
      { roomId: 'a', token: 't2', name: '店铺A' },
      { roomId: 'b', token: 't' },
    ]);
    for (let i = 0; i < MAX_RECENT_ROOMS * 2; i++) rememberRoom({ roomId: `r${i}`, token: 't' });
    expect(loadRecentRooms()).toHaveLength(MAX_RECENT_ROOMS);
  });

  it('survives garbage in storage', () => {
    localStorage.setItem('live-console.recent-rooms', '{not json');
    expect(loadRecentRooms()).toEqual([]);
    localStorage.setItem(
      'live-console.recent-rooms',
      JSON.stringify([{ roomId: 1 }, null, { roomId: 'x', token: 'y' }]),
    );
    expect(loadRecentRooms()).toEqual([{ roomId: 'x', token: 'y' }]);
  });
});
