// The 助播 console: compose a cue (or pick one from the script library), send it to the host, and watch each
// cue's life; the alert panel sits beside it so an alert's 话术 can be forwarded in one click.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { fillTemplate, needsProduct } from '../../../../shared/cue-template.ts';
import { MAX_CUE_CHARS } from '../../../../shared/cues.ts';
import { send } from '../../lib/commands.ts';
import { errorText } from '../../lib/error-words.ts';
import { useT } from '../../lib/i18n.ts';
import { useCuesStore } from '../../stores/cues-store.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { ActionMarker } from '../../widgets/action-marker.tsx';
import { AlertPanel } from '../../widgets/alerts/alert-panel.tsx';
import { CueStatusLine } from '../../widgets/alerts/cue-status.tsx';
import { Header } from '../../widgets/header.tsx';
import { QuestionQueue } from '../../widgets/question-panel.tsx';
import { addScripts, loadScripts, removeScript } from './scripts.ts';

export function AssistantConsole({ roomId }: { roomId: string }) {
  const [text, setText] = useState('');
  return (
    <div className="screen assistant" data-testid="assistant-console">
      <Header roomId={roomId} />
      <main className="assistant-grid">
        <Composer text={text} setText={setText} />
        <ScriptLibrary onPick={setText} />
        <SentCues />
        <AlertPanel />
        <QuestionQueue />
        <ActionMarker roomId={roomId} />
      </main>
    </div>
  );
}

function Composer({ text, setText }: { text: string; setText: (t: string) => void }) {
  const t = useT();
  const [priority, setPriority] = useState<'normal' | 'urgent'>('normal');
  const [countdown, setCountdown] = useState('');
  const [productId, setProductId] = useState('');
  const [error, setError] = useState<string | null>(null);
  // Select the stable array and map in render: a selector returning fresh tuples would loop forever.
  const productList = useRoomStore((s) => s.state?.products);
  const products = (productList ?? []).map((p) => [p.id, p.name] as const);
  const online = useRoomStore((s) => s.state?.online ?? null);
  const picked = (productList ?? []).find((p) => p.id === productId);
  // A product placeholder needs a product: asked here, never filled with whatever is being explained.
  const missingProduct = needsProduct(text) && !picked;
  const preview = fillTemplate(text.trim(), {
    ...(picked ? { 商品名: picked.name, 价格: picked.price } : {}),
    ...(picked?.stock != null ? { 库存: picked.stock } : {}),
    ...(online !== null ? { 在线人数: online } : {}),
  });
  const submit = async () => {
    const seconds = Number(countdown);
    const res = await send('cue:push', {
      text: text.trim(),
      priority,
      ...(countdown && Number.isInteger(seconds) && seconds > 0 ? { countdownSeconds: seconds } : {}),
      ...(productId ? { productId } : {}),
    });
    setError(res.ok ? null : errorText(res.error, t));
    if (!res.ok) return;
    // Each cue says its own urgency and time: the next one starts from 普通 with no countdown.
    setText('');
    setPriority('normal');
    setCountdown('');
  };
  return (
    <section className="panel composer">
      <h2>{t('compose')}</h2>
      <textarea
        data-testid="cue-input"
        maxLength={MAX_CUE_CHARS}
        value={text}
        placeholder={t('cueText')}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="row">
        <label>
          <input type="radio" checked={priority === 'normal'} onChange={() => setPriority('normal')} /> {t('normal')}
        </label>
        <label>
          <input
            type="radio"
            data-testid="cue-urgent"
            checked={priority === 'urgent'}
            onChange={() => setPriority('urgent')}
          />{' '}
          {t('urgent')}
        </label>
        <label>
          {t('countdown')}{' '}
          <input
            className="short"
            inputMode="numeric"
            value={countdown}
            onChange={(e) => setCountdown(e.target.value.replace(/\D/g, ''))}
          />
        </label>
        <select data-testid="cue-product" value={productId} onChange={(e) => setProductId(e.target.value)}>
          <option value="">{t('productOpt')}: —</option>
          {products.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <button
          type="button"
          data-testid="cue-send"
          disabled={text.trim().length === 0 || missingProduct}
          onClick={() => void submit()}
        >
          {t('send')}
        </button>
      </div>
      {missingProduct ? (
        <div className="hint-warn" data-testid="cue-needs-product">
          {t('cueNeedsProduct')}
        </div>
      ) : null}
      {text.trim() && preview !== text.trim() ? (
        <div className="cue-preview" data-testid="cue-preview">
          {t('preview')}: {preview}
        </div>
      ) : null}
      {error ? (
        <div className="error" data-testid="cue-error">
          {error}
        </div>
      ) : null}
    </section>
  );
}

function ScriptLibrary({ onPick }: { onPick: (t: string) => void }) {
  const t = useT();
  const [scripts, setScripts] = useState(loadScripts);
  const [paste, setPaste] = useState('');
  return (
    <section className="panel scripts">
      <h2>{t('scripts')}</h2>
      <ul>
        {scripts.map((s) => (
          <li key={s}>
            <button type="button" className="script" onClick={() => onPick(s)}>
              {s}
            </button>
            <button type="button" className="remove" onClick={() => setScripts(removeScript(s, scripts))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <textarea value={paste} placeholder={t('bulkPaste')} onChange={(e) => setPaste(e.target.value)} />
      <button
        type="button"
        onClick={() => {
          setScripts(addScripts(paste, scripts));
          setPaste('');
        }}
      >
        {t('addScripts')}
      </button>
    </section>
  );
}

function SentCues() {
  const t = useT();
  const cues = useCuesStore(
    useShallow((s) =>
      Object.values(s.byId)
        .sort((a, b) => b.sentAt - a.sentAt)
        .slice(0, 20),
    ),
  );
  return (
    <section className="panel sent">
      <h2>{t('sentCues')}</h2>
      <ul data-testid="sent-cues">
        {cues.map((c) => (
          <li key={c.id} className={c.priority}>
            <div className="sent-text">{c.text}</div>
            <CueStatusLine cue={c} />
            {c.status === 'pending' || c.status === 'shown' ? (
              <button type="button" onClick={() => void send('cue:cancel', { cueId: c.id })}>
                {t('cancel')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
