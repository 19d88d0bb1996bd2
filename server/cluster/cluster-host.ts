// The server's side of ClusterNode: which rooms exist, opening a room this instance now owns (rebuilt from
// the shared store: checkpoint + tail, its sources started here), closing one it lost (checkpointed first so
// the next owner's tail is short), and answering requests forwarded from other instances.
import type { Seat } from '../../shared/protocol.ts';
import { COMMANDS, runCommand } from '../realtime/commands.ts';
import { buildSnapshot } from '../realtime/snapshot.ts';
import type { Ticker } from '../realtime/ticker.ts';
import type { Services } from '../services.ts';
import type { RoomSources } from '../sources/room-sources.ts';
import type { SourceManager } from '../sources/source-manager.ts';
import type { ClusterHost, ForwardedRequest } from './cluster-node.ts';

export function clusterHost(
  services: Services,
  sources: SourceManager,
  roomSources: RoomSources,
  ticker: Ticker,
  log: (msg: string) => void,
): ClusterHost {
  const { registry } = services;
  const running = (roomId: string) => (registry.mayAct(roomId) ? registry.loaded(roomId) : null);
  return {
    rooms: async () => (await services.rooms.list()).filter((r) => r.archivedAt === null).map((r) => r.id),
    open: async (roomId, token) => {
      try {
        // Before this instance acts: journal entries of an owner of before that land from now on are refused.
        await services.journal.raiseFence(roomId, token);
        const rt = await registry.load(roomId);
        if (!rt) return false;
        // Its screens (on every instance) get the new owner's snapshot; a background rebuild sends its own.
        if (!rt.rebuilding) for (const f of [...registry.rebuilt]) f(rt);
        await roomSources.restoreAll(log, roomId);
        return true;
      } catch (err) {
        log(`room ${roomId} did not open: ${String(err)}`);
        return false;
      }
    },
    close: (roomId) => {
      const rt = registry.loaded(roomId);
      if (!rt) return;
      if (!rt.rebuilding) rt.saveCheckpoint();
      registry.unload(roomId);
      void sources.detach(rt).catch(() => {});
    },
    appended: (roomId) => {
      const rt = running(roomId);
      if (rt) void registry.catchUp(rt);
    },
    answer: (req: ForwardedRequest) => {
      const rt = running(req.roomId);
      if (!rt || rt.rebuilding) return null;
      const seat = req.seat as Seat;
      // The state the room's screens hold (patches follow from it), as a local join gets.
      if (req.kind === 'snapshot') return buildSnapshot(rt, seat, ticker.screenState(rt), ticker.intervalMs);
      const name = COMMANDS.find((c) => c === req.name);
      return name ? runCommand(name, req.payload, seat, rt, services) : null;
    },
  };
}
