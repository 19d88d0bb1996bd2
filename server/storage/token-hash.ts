// Seat tokens are found by the SHA-256 of the token, never by the token itself: an index lookup on the secret
// would take time that depends on how much of a guess matches a stored token (a timing oracle); on its hash the
// timing says nothing about the token. Both backends store the hash beside the token (the admin screen shows
// seat links, so the token itself is kept) and index only the hash.
import { createHash } from 'node:crypto';

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
