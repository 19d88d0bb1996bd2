// One tap records a platform action the console cannot drive (置顶/讲解卡, 限时秒杀, 优惠券, 福袋, 投流 on/off) as a
// marked_action event at the room's time, for the product chosen or the one being explained; below, the last
// action's effect so far (GET /api/rooms/:id/effects/last, read again every 30 s).
import { useCallback, useEffect, useState } from 'react';
import type { LedgerRow } from '../../../shared/effects.ts';
import { MARKED_ACTIONS, type MarkedAction } from '../../../shared/events.ts';
import { api } from '../lib/api.ts';
import { send } from '../lib/commands.ts';
import { useQT } from '../lib/questions-dict.ts';
import { useRoomStore } from '../stores/room-store.ts';

export function ActionMarker({ roomId }: { roomId: string }) {
  const qt = useQT();
  const productList = useRoomStore((s) => s.state?.products);
  const explaining = useRoomStore((s) => s.state?.explaining ?? null);
  const [productId, setProductId] = useState('');
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [last, setLast] = useState<LedgerRow | null>(null);
  const seat = useRoomStore((s) => s.seat) ?? 'assistant';
  const refresh = useCallback(async () => {
    // Not reachable now: the last row shown stays until the next refresh.
    await api<{ row: LedgerRow | null }>(`/api/rooms/${encodeURIComponent(roomId)}/effects/last`, { seat })
      .then((r) => setLast(r.row))
      .catch(() => {});
  }, [roomId, seat]);
  useEffect(() => {
    void refresh();
    const id = setInterval(() => void refresh(), 30_000);
    return () => clearInterval(id);
  }, [refresh]);
  const mark = async (action: MarkedAction) => {
    const target = productId || explaining || undefined;
    const res = await send('action:mark', {
      action,
      ...(target ? { productId: target } : {}),
      ...(note.trim() ? { note: note.trim().slice(0, 40) } : {}),
    });
    setStatus(res.ok ? `${qt('marked')}：${qt.action(action)}` : qt.error(res.error.code));
    if (res.ok) void refresh();
  };
  const name = (id: string | null) => (id ? (productList?.find((p) => p.id === id)?.name ?? id) : null);
  return (
    <section className="panel action-marker" data-testid="action-marker">
      <h2>{qt('markAction')}</h2>
      <div className="row">
        <select value={productId} onChange={(e) => setProductId(e.target.value)} data-testid="action-product">
          <option value="">{name(explaining) ?? qt('noProduct')}</option>
          {(productList ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <input value={note} maxLength={40} placeholder={qt('noteOpt')} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="action-buttons">
        {MARKED_ACTIONS.map((a) => (
          <button key={a} type="button" data-testid={`mark-${a}`} onClick={() => void mark(a)}>
            {qt.action(a)}
          </button>
        ))}
      </div>
      {status ? (
        <div className="muted" data-testid="mark-status">
          {status}
        </div>
      ) : null}
      <div className="last-action" data-testid="last-action">
        <span className="label">{qt('lastAction')}：</span>
        {last ? <EffectText row={last} name={name(last.productId)} /> : <span className="muted">{qt('noAction')}</span>}
      </div>
    </section>
  );
}

export function EffectText({ row, name }: { row: LedgerRow; name: string | null }) {
  const qt = useQT();
  const e = row.effect;
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${Math.round(x * 100)}%`;
  const figure =
    e.relative === null || e.verdict === 'uncertain'
      ? qt.verdict('uncertain')
      : `${pct(e.relative)}（${pct(e.low!)} ~ ${pct(e.high!)}）`;
  return (
    <span className={`effect effect-${e.verdict}`}>
      {qt.action(row.kind)}
      {name ? ` · ${name}` : ''} → {qt.metric(e.metric)} {figure}
    </span>
  );
}
