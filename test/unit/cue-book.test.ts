// A cue's countdown runs from when the host first saw it: a 60 s cue queued behind others still has its
// 60 s when it reaches the prompter, and expires 60 s after it was shown, not after it was sent.
import { describe, expect, it } from 'vitest';
import { CueBook, countdownEndOf } from '../../server/cues/cue-book.ts';

const T0 = Date.UTC(2026, 0, 1, 12);

describe('CueBook countdown', () => {
  it('starts at first display and expires then', () => {
    const book = new CueBook('r');
    const cue = book.push({ text: '福袋', priority: 'normal', countdownSeconds: 60 }, '福袋', 'assistant', T0);
    expect(countdownEndOf(cue)).toBeNull();
    expect(book.tick(T0 + 5 * 60_000)).toEqual([]); // queued five minutes: still open, countdown untouched
    book.seen(cue.id, 'shown', T0 + 5 * 60_000);
    expect(countdownEndOf(book.get(cue.id)!)).toBe(T0 + 6 * 60_000);
    expect(book.tick(T0 + 6 * 60_000 - 1)).toEqual([]);
    expect(book.tick(T0 + 6 * 60_000)).toMatchObject([{ id: cue.id, status: 'expired' }]);
  });

  it('a second display (a reconnect) does not restart it', () => {
    const book = new CueBook('r');
    const cue = book.push({ text: 'x', priority: 'normal', countdownSeconds: 30 }, 'x', 'controller', T0);
    book.seen(cue.id, 'shown', T0 + 1000);
    expect(book.seen(cue.id, 'shown', T0 + 20_000)).toBeNull();
    expect(countdownEndOf(book.get(cue.id)!)).toBe(T0 + 31_000);
  });
});
