// Room ids and seat tokens, the same for every backend. Tokens are random 144-bit strings kept in plain text
// so the console can print each screen's URL again after a restart.
import { randomBytes } from 'node:crypto';
import { ROLES, type RoomTokens } from './ports.ts';

export const newRoomId = () => `r_${randomBytes(6).toString('hex')}`;
export const newToken = () => randomBytes(18).toString('base64url');
export const newRoomTokens = () => Object.fromEntries(ROLES.map((r) => [r, newToken()])) as RoomTokens;
