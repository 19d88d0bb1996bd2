// The 场控 big screen: every widget reads its own narrow slice of the stores the bridge fills. While the link
// is not live the figures are dimmed and say so: a frozen number must never look like a current one.
import { type CSSProperties, lazy, Suspense } from 'react';
import { useT } from '../../lib/i18n.ts';
import { useScreenScale } from '../../lib/screen-scale.ts';
import { useConnectionStore } from '../../stores/connection-store.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { AlertPanel } from '../../widgets/alerts/alert-panel.tsx';
import { Header } from '../../widgets/header.tsx';
import { BarrageTicker } from './barrage-ticker.tsx';
import { FunnelChart } from './funnel-chart.tsx';
import { HotWords } from './hot-words.tsx';
import { KpiTiles } from './kpi-tiles.tsx';
import { OnlineChart } from './online-chart.tsx';
import { ProductTable } from './product-table.tsx';
import { SecondaryStats } from './secondary-stats.tsx';

// The outlook row and the question panel load after the live figures (the outlook shows once a minute's data
// exists, questions once asked): in the first load they would push the big screen past its JS budget
// (test/client/bundle-size.test.ts).
const QuestionPanelCompact = lazy(() =>
  import('../../widgets/question-panel.tsx').then((m) => ({ default: m.QuestionPanelCompact })),
);
const OutlookStrip = lazy(() => import('./outlook/outlook-strip.tsx').then((m) => ({ default: m.OutlookStrip })));

export function BigScreen({ roomId }: { roomId: string }) {
  const t = useT();
  const hasCommerce = useRoomStore((s) => s.state?.hasCommerce ?? true);
  const outdated = useConnectionStore(
    (s) => s.status === 'stale' || s.status === 'reconnecting' || s.status === 'error' || s.status === 'rebuilding',
  );
  const scale = useScreenScale();
  // CSS zoom scales layout and type together; the screen's own box is the viewport in unzoomed pixels.
  const style =
    scale > 1
      ? ({
          zoom: scale,
          height: `${window.innerHeight / scale}px`,
          width: `${window.innerWidth / scale}px`,
          // vh and vw are the viewport's, not the zoomed box's: sizes given in them divide by this.
          '--screen-scale': scale,
        } as CSSProperties)
      : {};
  return (
    <div className={`screen${outdated ? ' outdated' : ''}`} data-testid="big-screen" data-scale={scale} style={style}>
      <Header roomId={roomId} />
      <KpiTiles />
      <SecondaryStats />
      <main className="grid">
        <OnlineChart />
        <FunnelChart />
        <HotWords />
        <ProductTable />
        <BarrageTicker />
        <AlertPanel />
        <Suspense fallback={null}>
          <QuestionPanelCompact />
        </Suspense>
      </main>
      <Suspense fallback={null}>
        <OutlookStrip />
      </Suspense>
      <div className="notes">
        {hasCommerce ? null : (
          <div className="note" data-testid="no-commerce">
            {t('noCommerce')}
          </div>
        )}
        {outdated ? <div className="note note-stale">{t('staleData')}</div> : null}
      </div>
    </div>
  );
}
