// An alert's product and its 话术 as the host will read it. The server fills the template when the cue is sent,
// with the cue's productId or else the product being explained; forwarding an alert sends the alert's own
// product, so the preview here fills from that product too (an alert about 保温杯 keeps talking about 保温杯
// after the host moved on). A room alert (no productId) previews with the product explained now.
import type { Alert } from '../../../../shared/alerts.ts';
import { fillTemplate } from '../../../../shared/cue-template.ts';
import type { RoomState } from '../../../../shared/state.ts';
import { send } from '../../lib/commands.ts';
import { useRoomStore } from '../../stores/room-store.ts';

export function previewText(alert: Alert, st: RoomState | null): string {
  const id = alert.productId ?? st?.explaining ?? null;
  const p = id === null ? undefined : st?.products.find((x) => x.id === id);
  return fillTemplate(alert.action, {
    ...(p ? { 商品名: p.name, 价格: p.price } : {}),
    // Unknown stock leaves {库存} visible rather than a false 0, as the server does.
    ...(p?.stock != null ? { 库存: p.stock } : {}),
    ...(st ? { 在线人数: st.online } : {}),
  });
}

/** The preview, re-rendering only when its text changes. */
export const useAlertPreview = (alert: Alert): string => useRoomStore((s) => previewText(alert, s.state));

/** The name of the alert's product (its id when the catalogue does not list it); null for a room alert. */
export const useAlertProductName = (alert: Alert): string | null =>
  useRoomStore((s) =>
    !alert.productId ? null : (s.state?.products.find((p) => p.id === alert.productId)?.name ?? alert.productId),
  );

/** Forwards the rule's 话术 to the host; the server fills it with the alert's product. */
export function forwardAlert(alert: Alert) {
  return send('cue:push', {
    text: alert.action.slice(0, 120),
    priority: alert.severity === 'critical' ? 'urgent' : 'normal',
    alertId: alert.id,
    ...(alert.productId ? { productId: alert.productId } : {}),
  });
}
