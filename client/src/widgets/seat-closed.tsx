// Over any screen whose seat link stopped working (revoked, replaced, room deleted): the reason in the
// screen's language, large enough to read on a phone prompter or in an OBS dock. Nothing behind it is live.
import { type Key, useT } from '../lib/i18n.ts';
import { useConnectionStore } from '../stores/connection-store.ts';
import { useRoomStore } from '../stores/room-store.ts';

const CLOSED: Record<string, Key> = {
  seat_revoked: 'seat_revoked',
  seat_rotated: 'seat_rotated',
  room_deleted: 'room_deleted',
};

export function SeatClosedNotice() {
  const t = useT();
  const code = useConnectionStore((s) => (s.status === 'error' ? s.errorCode : null));
  const seat = useRoomStore((s) => s.seat);
  // The 场控 is the one others ask for links: their own rotated link comes from the admin.
  const key =
    code === 'seat_rotated' && seat === 'controller' ? 'seat_rotated_controller' : code ? CLOSED[code] : undefined;
  if (!key) return null;
  return (
    <div className="seat-closed" role="alert" data-testid="seat-closed" data-code={code}>
      <p className="seat-closed-reason">{t(key)}</p>
      <p>{t('seatClosedHint')}</p>
    </div>
  );
}
