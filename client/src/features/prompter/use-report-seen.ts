// Tells the senders when a cue reached this prompter (delivered) and when it is the one on screen (shown).
import { useEffect, useRef } from 'react';
import type { Cue } from '../../../../shared/cues.ts';
import { send } from '../../lib/commands.ts';

export function useReportSeen(queue: Cue[], current: Cue | null): void {
  const reported = useRef(new Set<string>());
  useEffect(() => {
    for (const c of queue) {
      const key = `d:${c.id}`;
      if (c.deliveredAt === null && !reported.current.has(key)) {
        reported.current.add(key);
        void send('cue:seen', { cueId: c.id, phase: 'delivered' }).then((r) => r.ok || reported.current.delete(key));
      }
    }
    if (current && current.shownAt === null && !reported.current.has(`s:${current.id}`)) {
      const key = `s:${current.id}`;
      reported.current.add(key);
      // Not acknowledged (offline): try again on the next change, e.g. after the reconnect snapshot.
      void send('cue:seen', { cueId: current.id, phase: 'shown' }).then((r) => r.ok || reported.current.delete(key));
    }
  }, [queue, current]);
}
