// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { loadRecentRooms, MAX_RECENT_ROOMS, rememberRoom } from '../../client/src/lib/recent-rooms.ts';

beforeEach(() => localStorage.clear());

describe('recent rooms', () => {
  it('puts the latest first, keeps a known name, and stays capped', () => {
    rememberRoom({ roomId: 'a', seat: 'controller', name: '店铺A' });
    rememberRoom({ roomId: 'b', seat: 'viewer' });
    rememberRoom({ roomId: 'a', seat: 'controller' });
    expect(loadRecentRooms()).toEqual([
      { roomId: 'a', seat: 'controller', name: '店铺A' },
      { roomId: 'b', seat: 'viewer' },
    ]);
    for (let i = 0; i < MAX_RECENT_ROOMS * 2; i++) rememberRoom({ roomId: `r${i}`, seat: 'viewer' });
    expect(loadRecentRooms()).toHaveLength(MAX_RECENT_ROOMS);
  });

  it('survives garbage in storage', () => {
    localStorage.setItem('live-console.recent-rooms', '{not json');
    expect(loadRecentRooms()).toEqual([]);
    localStorage.setItem(
      'live-console.recent-rooms',
      JSON.stringify([{ roomId: 1 }, null, { roomId: 'x', seat: 'host' }]),
    );
    expect(loadRecentRooms()).toEqual([{ roomId: 'x', seat: 'host' }]);
  });

  it('never keeps a token: entries from older versions are rewritten without theirs', () => {
    localStorage.setItem(
      'live-console.recent-rooms',
      JSON.stringify([
        { roomId: 'x', seat: 'host', token: 'secret-token' },
        { roomId: 'y', token: 'old-token' },
      ]),
    );
    expect(loadRecentRooms()).toEqual([{ roomId: 'x', seat: 'host' }]);
    expect(localStorage.getItem('live-console.recent-rooms')).not.toContain('token');
  });
});
