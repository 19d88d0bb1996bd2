import { useEffect } from 'react';

interface Keys {
  togglePlay: () => void;
  step: (dir: -1 | 1) => void;
  speed: (delta: -1 | 1) => void;
  jump: (end: boolean) => void;
}

export function useReplayKeys(k: Keys): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement && e.target.type !== 'range') return;
      const actions: Record<string, () => void> = {
        ' ': k.togglePlay,
        ArrowLeft: () => k.step(-1),
        ArrowRight: () => k.step(1),
        '+': () => k.speed(1),
        '=': () => k.speed(1),
        '-': () => k.speed(-1),
        Home: () => k.jump(false),
        End: () => k.jump(true),
      };
      const act = actions[e.key];
      if (!act) return;
      e.preventDefault();
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [k]);
}
