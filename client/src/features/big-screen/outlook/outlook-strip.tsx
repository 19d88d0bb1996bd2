// The big screen's row about today against the past: overlay, forecast and pacing, retention cohorts.
import '../../../styles/outlook.css';
import { useOutlookStore } from '../../../stores/outlook-store.ts';
import { CohortHeatmap } from './cohort-heatmap.tsx';
import { OverlayChart } from './overlay-chart.tsx';
import { Pacing } from './pacing.tsx';

export function OutlookStrip() {
  // Servers without the outlook (or before its first message) leave the row out rather than show empty boxes.
  const known = useOutlookStore((s) => s.msg !== null);
  if (!known) return null;
  return (
    <div className="outlook-strip" data-testid="outlook-strip">
      <OverlayChart />
      <Pacing />
      <CohortHeatmap />
    </div>
  );
}
