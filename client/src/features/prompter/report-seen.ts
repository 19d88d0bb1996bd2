// Tells the senders when a cue reached this prompter (delivered) and when it is the one on screen (shown).
// `reported` remembers what was sent; a report the server did not acknowledge (offline) is tried again on the
// next change, e.g. after the reconnect snapshot.
import type { Cue } from '../../../../shared/cues.ts';
import { send } from '../../lib/commands.ts';

export function reportSeen(queue: Cue[], current: Cue | null, reported: Set<string>): void {
  const report = (cue: Cue, phase: 'delivered' | 'shown') => {
    const key = `${phase[0]}:${cue.id}`;
    if (reported.has(key)) return;
    reported.add(key);
    void send('cue:seen', { cueId: cue.id, phase }).then((r) => r.ok || reported.delete(key));
  };
  for (const c of queue) if (c.deliveredAt === null) report(c, 'delivered');
  if (current && current.shownAt === null) report(current, 'shown');
}
