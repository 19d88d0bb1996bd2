// Each seat's link with a copy button and a QR code (a 主播 scans it with the phone, or the link goes into an
// OBS browser dock), and the two changes an admin makes to a seat: a new link, or none (revoke). Either way
// the old link stops working at once and its open screens are told (the server closes them).
import QRCode from 'qrcode';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoleName, SeatTokens } from '../../../../shared/admin.ts';
import { SEATS, type Seat } from '../../../../shared/protocol.ts';
import { joinUrl, SEAT_LABELS } from '../../../../shared/seat-links.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import type { AdminApi } from './admin-api.ts';
import { useAdminT } from './admin-dict.ts';
import { copyText } from './copy-text.ts';

export function SeatLinks({ api, roomId }: { api: AdminApi; roomId: string }) {
  const t = useAdminT();
  const [seats, setSeats] = useState<SeatTokens | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    const res = await api.seats(roomId);
    if (res.ok) setSeats(res.data);
    else setError(res.message);
  }, [api, roomId]);
  useEffect(() => {
    void load();
  }, [load]);
  const change = async (seat: RoleName, how: 'rotate' | 'revoke') => {
    // Both end the open screens of that seat at once: asked first.
    if (!window.confirm(t(how === 'rotate' ? 'confirmRotate' : 'confirmRevoke'))) return;
    const res = await (how === 'rotate' ? api.rotate(roomId, seat) : api.revoke(roomId, seat));
    if (res.ok) setSeats(res.data);
    else setError(res.message);
  };
  return (
    <section className="admin-section" data-testid="seat-links">
      <h3>{t('seats')}</h3>
      <p className="admin-note">{t('seatNote')}</p>
      {error ? <p className="error-message">{error}</p> : null}
      <div className="seat-grid">
        {seats
          ? SEATS.map((seat) => (
              <SeatCard
                key={seat}
                api={api}
                roomId={roomId}
                seat={seat}
                token={seats[seat]}
                onChange={(how) => change(seat, how)}
              />
            ))
          : null}
      </div>
      {seats ? <IngestToken token={seats.ingest} onRotate={() => change('ingest', 'rotate')} /> : null}
    </section>
  );
}

/**
 * The seat's one-time link (server/http/join-links.ts), minted for the token shown: it opens the seat once, so
 * the token never lands in the opening browser's history. A new one is minted after each rotation.
 */
function useJoinLink(api: AdminApi, roomId: string, seat: Seat, token: string | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    setUrl(null);
    if (!token) return;
    let live = true;
    void api.joinLink(roomId, seat).then((res) => {
      if (live && res.ok) setUrl(joinUrl(window.location.origin, roomId, res.data.code));
    });
    return () => {
      live = false;
    };
  }, [api, roomId, seat, token]);
  return url;
}

function SeatCard(props: {
  api: AdminApi;
  roomId: string;
  seat: Seat;
  token: string | undefined;
  onChange: (how: 'rotate' | 'revoke') => void;
}) {
  const t = useAdminT();
  const lang = useUiStore((s) => s.lang);
  const url = useJoinLink(props.api, props.roomId, props.seat, props.token);
  return (
    <div className="seat-card" data-testid={`seat-${props.seat}`}>
      <h4>{SEAT_LABELS[props.seat][lang]}</h4>
      <p className="admin-note">{t(`seatHint_${props.seat}`)}</p>
      {url ? (
        <>
          <QrCode text={url} label={SEAT_LABELS[props.seat][lang]} />
          <input
            className="seat-url"
            readOnly
            value={url}
            data-testid={`seat-url-${props.seat}`}
            onFocus={(e) => e.target.select()}
          />
          <CopyButton text={url} testId={`copy-${props.seat}`} />
        </>
      ) : (
        <p className="admin-note">{t('noLink')}</p>
      )}
      <div className="seat-actions">
        <button type="button" onClick={() => props.onChange('rotate')} data-testid={`rotate-${props.seat}`}>
          {t('rotate')}
        </button>
        {props.token ? (
          <button
            type="button"
            className="danger"
            onClick={() => props.onChange('revoke')}
            data-testid={`revoke-${props.seat}`}
          >
            {t('revoke')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

function IngestToken({ token, onRotate }: { token: string | undefined; onRotate: () => void }) {
  const t = useAdminT();
  return (
    <div className="ingest-token">
      <span>{t('ingestToken')}</span>
      <code data-testid="ingest-token">{token ?? '—'}</code>
      {token ? <CopyButton text={token} testId="copy-ingest" /> : null}
      <button type="button" onClick={onRotate}>
        {t('rotate')}
      </button>
    </div>
  );
}

function CopyButton({ text, testId }: { text: string; testId: string }) {
  const t = useAdminT();
  // Remembers what was copied, so a new link after a rotation reads 复制 again.
  const [copiedText, setCopiedText] = useState<string | null>(null);
  const copied = copiedText === text;
  return (
    <button
      type="button"
      onClick={async () => setCopiedText((await copyText(text)) ? text : null)}
      data-testid={testId}
    >
      {copied ? t('copied') : t('copy')}
    </button>
  );
}

/** Drawn on a canvas in the browser: no image request, nothing for a content policy to refuse. */
function QrCode({ text, label }: { text: string; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) void QRCode.toCanvas(ref.current, text, { width: 168, margin: 1, errorCorrectionLevel: 'M' });
  }, [text]);
  return <canvas ref={ref} className="seat-qr" role="img" aria-label={`QR ${label}`} />;
}
