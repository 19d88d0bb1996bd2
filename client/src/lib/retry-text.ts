// What a screen waiting to reconnect says, the same on the React screens and the DOM-only prompter: why (the
// server restarting, or a lost link) and in how many seconds the next try starts.
import { useConnectionStore } from '../stores/connection-store.ts';
import type { Key } from './i18n.ts';

/** `3秒后重连`, or null when no try is waiting. */
export function retryCountdown(t: (key: Key) => string, now: number): string | null {
  const { status, retryAt } = useConnectionStore.getState();
  if (status !== 'reconnecting' || retryAt === null) return null;
  return `${Math.max(0, Math.ceil((retryAt - now) / 1000))}${t('retryInS')}`;
}

/** Whether the screen lost its server (and shows it must not be trusted as current). */
export function isCutOff(): boolean {
  const { status } = useConnectionStore.getState();
  return status === 'reconnecting' || status === 'error';
}
