// The prompter's small line under the current cue: the next question to answer (the queue's top one not yet
// sent), drawn with the DOM alone like the rest of the prompter.
import { queueScore } from '../../../../shared/questions.ts';
import { qDict } from '../../lib/questions-dict.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';

/** The line's text, or null when no question waits. */
export function nextQuestionText(): string | null {
  const s = useRoomStore.getState().state;
  const open = (s?.questions ?? []).filter((q) => q.status === 'open');
  if (open.length === 0) return null;
  const now = s?.ts ?? 0;
  const q = open.reduce((a, b) => (queueScore(b, now) > queueScore(a, now) ? b : a));
  const qt = qDict(useUiStore.getState().lang);
  return `${qt('nextQuestion')}：${q.text}（${q.askers}${qt('askers')}）`;
}

export function nextQuestionLine(): HTMLElement | null {
  const text = nextQuestionText();
  if (text === null) return null;
  const node = document.createElement('div');
  node.className = 'next-question';
  node.setAttribute('data-testid', 'next-question');
  node.textContent = text;
  return node;
}

/** Calls `redraw` when the line would change (not at every room update: the prompter redraws whole). */
export function onNextQuestionChange(redraw: () => void): () => void {
  let last = nextQuestionText();
  const check = () => {
    const now = nextQuestionText();
    if (now !== last) {
      last = now;
      redraw();
    }
  };
  const offs = [useRoomStore.subscribe(check), useUiStore.subscribe(check)];
  return () => {
    for (const off of offs) off();
  };
}
