// The one write of the editor: the whole list, with the seat cookie of the page's seat. The answer only
// says accepted or refused; the accepted rules themselves come back through the socket broadcast.
import type { AlertRule } from '../../../../shared/alerts.ts';
import { readLocation, seatHeaders } from '../../lib/location.ts';

export type SaveResult = { ok: true } | { ok: false; status: number | null; code: string; message: string };

export async function putRules(roomId: string, rules: AlertRule[]): Promise<SaveResult> {
  const { seat } = readLocation();
  try {
    const res = await fetch(`/api/rooms/${encodeURIComponent(roomId)}/alert-rules`, {
      method: 'PUT',
      headers: { ...seatHeaders(seat ?? ''), 'content-type': 'application/json' },
      body: JSON.stringify(rules),
    });
    if (res.ok) return { ok: true };
    const body = (await res.json().catch(() => null)) as { code?: unknown; message?: unknown } | null;
    return {
      ok: false,
      status: res.status,
      code: typeof body?.code === 'string' ? body.code : `http_${res.status}`,
      message: typeof body?.message === 'string' ? body.message : res.statusText,
    };
  } catch (err) {
    return { ok: false, status: null, code: 'offline', message: err instanceof Error ? err.message : String(err) };
  }
}
