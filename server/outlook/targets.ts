// The session targets are entries on the room's timeline (journal kind `targets`): the latest one holds, and the
// 复盘 can show when they were set and by whom. Both backends store them through the JournalStore port.
import type { TargetsInput } from '../../shared/outlook/targets-schema.ts';
import type { JournalStore } from '../storage/ports.ts';

/** Entries read to find the latest: targets are set a few times a session, never thousands. */
const MAX_TARGET_ENTRIES = 10_000;

export async function latestTargets(journal: JournalStore, roomId: string): Promise<TargetsInput | null> {
  const list = await journal.list(roomId, 'targets', MAX_TARGET_ENTRIES);
  const last = list.at(-1);
  return last ? (last.body as { targets: TargetsInput }).targets : null;
}

export function storeTargets(journal: JournalStore, roomId: string, ts: number, by: string, targets: TargetsInput) {
  return journal.append(roomId, ts, 'targets', { by, targets });
}
