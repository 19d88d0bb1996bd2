// Sends alert and cue changes to the room's screens as they happen (commands are rare, so no tick batching).
import { LIVE_NAMESPACE } from '../../shared/protocol.ts';
import type { IoServer } from '../plugins/socket-io.ts';
import type { RoomListener } from '../rooms/room-runtime.ts';
import { ALERT_SEATS, roomChannel, seatChannel } from './seat-channels.ts';

export function socketBroadcaster(io: IoServer): RoomListener {
  const nsp = io.of(LIVE_NAMESPACE);
  return {
    alerts(roomId, events) {
      const to = nsp.to(ALERT_SEATS.map((s) => seatChannel(roomId, s)));
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
