// The one write of the editor: the whole list, with the seat cookie of the page's seat. The answer only
// says accepted or refused; the accepted rules themselves come back through the socket broadcast.
import type { AlertRule } from '../../../../shared/alerts.ts';
import { ApiError, apiFetch } from '../../lib/api.ts';
import { readLocation } from '../../lib/location.ts';

export type SaveResult = { ok: true } | { ok: false; status: number | null; code: string; message: string };

export async function putRules(roomId: string, rules: AlertRule[]): Promise<SaveResult> {
  const { seat } = readLocation();
  try {
    await apiFetch(`/api/rooms/${encodeURIComponent(roomId)}/alert-rules`, {
      method: 'PUT',
      seat: seat ?? '',
      body: rules,
    });
    return { ok: true };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { ok: false, status: err.status, code: err.code, message: err.message };
  }
}
