// The host's prompter, drawn with the DOM alone so a phone downloads no React renderer: one cue at a time in
// very large type, urgent first, with the queue count and a countdown. Acknowledge by tap/click, Space, or a
// configurable key (foot pedals send keys). An urgent cue the host has not acknowledged escalates: it pulses
// and the senders are warned. It reads the same stores the bridge writes, through their subscribe API.
import { formatEvidence } from '../../../../shared/alert-evidence.ts';
import type { Cue } from '../../../../shared/cues.ts';
import { retryNow } from '../../lib/bridge.ts';
import { send } from '../../lib/commands.ts';
import { errorText } from '../../lib/error-words.ts';
import { DICTS, type Key } from '../../lib/i18n.ts';
import { retryCountdown } from '../../lib/retry-text.ts';
import { useConnectionStore } from '../../stores/connection-store.ts';
import { openCues, useCuesStore } from '../../stores/cues-store.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { nextQuestionLine, onNextQuestionChange } from './next-question.ts';
import { reportSeen } from './report-seen.ts';

const CLOSED = new Set(['seat_revoked', 'seat_rotated', 'room_deleted']);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, ...kids: (Node | string)[]) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...kids);
  return node;
}

const t = (key: Key) => DICTS[useUiStore.getState().lang][key];
const currentCue = (): Cue | null => openCues(useCuesStore.getState().byId)[0] ?? null;

function badge(): HTMLElement {
  const { status, errorCode, errorMessage, rebuild } = useConnectionStore.getState();
  const pct = rebuild && rebuild.total > 0 ? ` ${Math.floor((100 * rebuild.done) / rebuild.total)}%` : '';
  const words = status === 'error' && errorCode ? errorText({ code: errorCode, message: errorMessage ?? '' }, t) : null;
  const text = `${t('connection')}: ${words ?? t(status as Key)}${status === 'rebuilding' ? pct : ''}`;
  return el(
    'span',
    { class: `badge badge-${status}`, 'data-testid': 'conn-badge', 'data-status': status, title: words ?? '' },
    text,
  );
}

/** While reconnecting: seconds to the next try and 立即重试 (the cue stays on screen meanwhile). */
function retryBox(): HTMLElement | string {
  if (useConnectionStore.getState().status !== 'reconnecting') return '';
  const button = el('button', { type: 'button', 'data-testid': 'retry-now' }, t('retryNow'));
  button.addEventListener('click', retryNow);
  const line = el('span', { class: 'retry-in', 'data-testid': 'retry-in' }, retryCountdown(t, Date.now()) ?? '');
  return el('span', { class: 'retry', 'data-testid': 'retry' }, line, button);
}

function ackKeySetting(): HTMLElement {
  const ackKey = useUiStore.getState().ackKey;
  const input = el('input', { readonly: '' });
  input.value = ackKey === ' ' ? 'Space' : ackKey;
  input.addEventListener('keydown', (e) => {
    e.preventDefault();
    useUiStore.getState().setAckKey(e.key);
  });
  return el('label', { class: 'ack-key' }, t('ackKey'), input);
}

function cueCard(cue: Cue): HTMLElement {
  const card = el(
    'button',
    {
      type: 'button',
      class: `cue-card ${cue.priority}${cue.escalatedAt ? ' escalated' : ''}`,
      'data-testid': 'cue-card',
      'data-cue': cue.id,
    },
    el('span', { class: 'cue-text' }, cue.text), // text, never markup: cues come from people
  );
  if (cue.countdownSeconds !== null) card.append(el('span', { class: 'countdown' }, countdown(cue)));
  card.append(el('span', { class: 'cue-meta', 'data-testid': 'cue-meta' }, cueMeta(cue)));
  // Why the cue came, in small type under it: the host reads the line, the figure is for a glance.
  if (cue.evidence) {
    const why = formatEvidence(cue.evidence, useUiStore.getState().lang);
    card.append(el('span', { class: 'cue-evidence', 'data-testid': 'cue-evidence' }, why));
  }
  card.append(el('span', { class: 'cue-hint' }, t('pressToAck')));
  card.addEventListener('click', () => void send('cue:ack', { cueId: cue.id }));
  return card;
}

/** Seconds left, counted from when the host first saw the cue (the server's shownAt, kept through reconnects);
 * the whole countdown until the server confirms it was shown. */
/** Small type under the cue: how urgent, which product, who sent it (紧急 · 保温杯 · 来自 助播). */
function cueMeta(cue: Cue): string {
  const parts = [t(cue.priority)];
  if (cue.productId) {
    const product = useRoomStore.getState().state?.products.find((p) => p.id === cue.productId);
    parts.push(product?.name ?? cue.productId);
  }
  const seat = `seat_${cue.from}` as Key;
  parts.push(`${t('cueFrom')} ${DICTS[useUiStore.getState().lang][seat] ?? cue.from}`);
  return parts.join(' · ');
}

const countdown = (cue: Cue) => {
  const total = (cue.countdownSeconds ?? 0) * 1000;
  const left = cue.shownAt === null ? total : cue.shownAt + total - Date.now();
  return `${Math.max(0, Math.ceil(left / 1000))}${t('secondsUnit')}`;
};

function body(): HTMLElement {
  const { status, errorCode, errorMessage } = useConnectionStore.getState();
  if (status === 'error' && errorCode && CLOSED.has(errorCode))
    return el(
      'div',
      { class: 'seat-closed', role: 'alert', 'data-testid': 'seat-closed', 'data-code': errorCode },
      el('p', { class: 'seat-closed-reason' }, t(errorCode as Key)),
      el('p', {}, t('seatClosedHint')),
    );
  if (status === 'error') {
    const words = errorCode ? errorText({ code: errorCode, message: errorMessage ?? '' }, t) : (errorMessage ?? '');
    return el('p', { class: 'error-message', 'data-testid': 'conn-error' }, words);
  }
  const cue = currentCue();
  return cue ? cueCard(cue) : el('div', { class: 'no-cue' }, t('noCue'));
}

function render(root: HTMLElement): void {
  const queue = openCues(useCuesStore.getState().byId);
  const status = useConnectionStore.getState().status;
  const top = el(
    'div',
    { class: 'prompter-top' },
    badge(),
    retryBox(),
    el('span', { class: 'queue', 'data-testid': 'cue-queue' }, `${t('queue')} ${Math.max(0, queue.length - 1)}`),
    ackKeySetting(),
  );
  const view = el(
    'div',
    { class: `prompter${status !== 'live' ? ' offline' : ''}`, 'data-testid': 'prompter' },
    top,
    body(),
  );
  const next = nextQuestionLine();
  if (next) view.append(next);
  root.replaceChildren(view);
}

/** Draws the prompter into `root` and keeps it current; the returned function stops and clears it. */
export function mountPrompterView(root: HTMLElement): () => void {
  const seen = new Set<string>();
  let frame = 0;
  const redraw = () => {
    if (frame) return;
    // One redraw per frame however many store writes arrive in it.
    frame = requestAnimationFrame(() => {
      frame = 0;
      render(root);
      reportSeen(openCues(useCuesStore.getState().byId), currentCue(), seen);
    });
  };
  const onKey = (e: KeyboardEvent) => {
    const cue = currentCue();
    const ackKey = useUiStore.getState().ackKey;
    if (!cue || e.target instanceof HTMLInputElement) return;
    if (e.key === ackKey || (ackKey === ' ' && e.code === 'Space')) {
      e.preventDefault();
      void send('cue:ack', { cueId: cue.id });
    }
  };
  const tick = setInterval(() => {
    const node = root.querySelector('.countdown');
    const cue = currentCue();
    if (node && cue) node.textContent = countdown(cue);
    const retry = root.querySelector('.retry-in');
    if (retry) retry.textContent = retryCountdown(t, Date.now()) ?? '';
  }, 250);
  const offs = [
    useCuesStore.subscribe(redraw),
    useConnectionStore.subscribe(redraw),
    useUiStore.subscribe(redraw),
    onNextQuestionChange(redraw),
  ];
  window.addEventListener('keydown', onKey);
  render(root);
  reportSeen(openCues(useCuesStore.getState().byId), currentCue(), seen);
  return () => {
    for (const off of offs) off();
    window.removeEventListener('keydown', onKey);
    clearInterval(tick);
    cancelAnimationFrame(frame);
    root.replaceChildren();
  };
}
