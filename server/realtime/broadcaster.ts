// Sends alert, rule and cue changes to the room's screens as they happen (commands are rare, so no tick
// batching).
import { LIVE_NAMESPACE, type RulesMessage } from '../../shared/protocol.ts';
import type { IoServer } from '../plugins/socket-io.ts';
import type { RoomListener } from '../rooms/room-runtime.ts';
import { ALERT_SEATS, roomChannel, seatChannel } from './seat-channels.ts';

const alertSeats = (io: IoServer, roomId: string) =>
  io.of(LIVE_NAMESPACE).to(ALERT_SEATS.map((s) => seatChannel(roomId, s)));

export function socketBroadcaster(io: IoServer): RoomListener {
  const nsp = io.of(LIVE_NAMESPACE);
  return {
    alerts(roomId, events) {
      const to = alertSeats(io, roomId);
      for (const e of events)
        to.emit(e.type === 'raised' ? 'alert:raised' : e.type === 'resolved' ? 'alert:resolved' : 'alert:updated', {
          alert: e.alert,
        });
    },
    cues(roomId, changed, isNew) {
      for (const cue of changed) nsp.to(roomChannel(roomId)).emit(isNew ? 'cue:new' : 'cue:updated', { cue });
    },
  };
}

/** New rules go where alerts go: the seats that see alerts are the ones that read and edit the rules. */
export function broadcastRules(io: IoServer, roomId: string, msg: RulesMessage): void {
  alertSeats(io, roomId).emit('alert:rules', msg);
}
