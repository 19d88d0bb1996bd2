// Use cases of the admin screen: rename, archive, delete a room (naming what goes with it), rotate or revoke
// a seat's token. A token that changes closes the seat's open screens at once, with the reason shown there.
import type { AdminRoom, RoleName, RoomPatch, RoomUsage, SeatTokens } from '../../shared/admin.ts';
import type { SeatEvictor } from '../realtime/seat-evict.ts';
import { listSessions } from '../replay/sessions.ts';
import type { Services } from '../services.ts';
import type { RoomSources } from '../sources/room-sources.ts';
import type { SourceManager } from '../sources/source-manager.ts';
import { newToken } from '../storage/ids.ts';
import type { RoomAdminStore, RoomRecord } from '../storage/ports.ts';

const view = (r: RoomRecord): AdminRoom => ({
  id: r.id,
  name: r.name,
  createdAt: r.createdAt,
  productCount: r.products.length,
  demo: r.demo,
  archivedAt: r.archivedAt,
});

export class RoomAdmin {
  private readonly repo: RoomAdminStore;

  constructor(
    private readonly services: Services,
    private readonly sources: SourceManager,
    private readonly roomSources: RoomSources,
    private readonly evict: SeatEvictor,
  ) {
    this.repo = services.storage.admin;
  }

  async list(): Promise<AdminRoom[]> {
    return (await this.services.rooms.list()).map(view);
  }

  /** Null when there is no such room. */
  async update(id: string, patch: RoomPatch): Promise<AdminRoom | null> {
    if (!(await this.services.rooms.get(id))) return null;
    if (patch.name !== undefined) await this.repo.rename(id, patch.name);
    if (patch.archived !== undefined) await this.setArchived(id, patch.archived);
    return view((await this.services.rooms.get(id))!);
  }

  /**
   * An archived room is off the everyday list and no longer fed: its sources stop (and are not started at
   * boot) but stay configured, so bringing the room back starts them again.
   */
  private async setArchived(id: string, archived: boolean): Promise<void> {
    const was = (await this.services.rooms.get(id))?.archivedAt ?? null;
    await this.repo.setArchived(id, archived ? this.services.clock.now() : null);
    const runtime = this.services.registry.loaded(id);
    if (archived && runtime) await this.sources.detach(runtime);
    if (!archived && was !== null) await this.roomSources.restoreAll(() => {}, id);
  }

  async usage(id: string): Promise<RoomUsage | null> {
    const room = await this.services.rooms.get(id);
    if (!room) return null;
    await this.services.writer.flush(); // count what is committed, not what waits in the group commit
    const u = await this.repo.usage(id);
    const sessions =
      u.events === 0 ? 0 : (await listSessions(this.services.storage.replay, this.services.reader, id)).length;
    const sources = Array.isArray(room.source) ? room.source.length : room.source ? 1 : 0;
    return { ...u, sessions, products: room.products.length, sources };
  }

  /** Stops the room's sources, closes its screens and removes everything stored under it. */
  async delete(id: string): Promise<boolean> {
    if (!(await this.services.rooms.get(id))) return false;
    const runtime = this.services.registry.loaded(id);
    if (runtime) await this.sources.detach(runtime);
    this.services.registry.unload(id);
    await this.services.writer.flush();
    await this.repo.deleteRoom(id);
    this.evict(id, null, { code: 'room_deleted', message: 'This room was deleted by the admin.' });
    return true;
  }

  async seats(id: string): Promise<SeatTokens | null> {
    return (await this.services.rooms.get(id)) ? this.services.rooms.tokens(id) : null;
  }

  /** A new token for the seat; the old one stops working now. Null when there is no such room. */
  async rotate(id: string, seat: RoleName): Promise<SeatTokens | null> {
    if (!(await this.services.rooms.get(id))) return null;
    await this.repo.replaceToken(id, seat, newToken());
    this.evict(id, seat, {
      code: 'seat_rotated',
      message: 'This seat link was replaced by a new one: ask for the new link.',
    });
    return this.services.rooms.tokens(id);
  }

  /** The seat has no token until it is rotated again. */
  async revoke(id: string, seat: RoleName): Promise<SeatTokens | null> {
    if (!(await this.services.rooms.get(id))) return null;
    await this.repo.replaceToken(id, seat, null);
    this.evict(id, seat, { code: 'seat_revoked', message: 'This seat link was revoked by the admin.' });
    return this.services.rooms.tokens(id);
  }
}
