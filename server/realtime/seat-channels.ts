import { PERMISSIONS } from '../../shared/permissions.ts';
import type { Seat } from '../../shared/protocol.ts';

export const roomChannel = (roomId: string) => `room:${roomId}`;
export const seatChannel = (roomId: string, seat: Seat) => `room:${roomId}:${seat}`;
/** Alerts go to the seats that act on them or watch; the host gets cues, not alarms (the permission table). */
export const ALERT_SEATS: readonly Seat[] = PERMISSIONS['alerts.receive'];
