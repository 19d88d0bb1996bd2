// A short two-tone chime for new alerts, made with WebAudio so no sound file is needed.
let ctx: AudioContext | null = null;

export function chime(severity: 'info' | 'warning' | 'critical'): void {
  try {
    ctx ??= new AudioContext();
    const notes = severity === 'critical' ? [880, 660, 880] : [660, 880];
    notes.forEach((freq, i) => {
      const osc = ctx!.createOscillator();
      const gain = ctx!.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.15, ctx!.currentTime + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx!.currentTime + i * 0.18 + 0.16);
      osc.connect(gain).connect(ctx!.destination);
      osc.start(ctx!.currentTime + i * 0.18);
      osc.stop(ctx!.currentTime + i * 0.18 + 0.17);
    });
  } catch {
    // No audio device (headless, muted tab): the panel still shows the alert.
  }
}
