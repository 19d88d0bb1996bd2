// The 场控 big screen: every widget reads its own narrow slice of the stores the bridge fills. While the link
// is not live the figures are dimmed and say so: a frozen number must never look like a current one.
import { useT } from '../../lib/i18n.ts';
import { useScreenScale } from '../../lib/screen-scale.ts';
import { useConnectionStore } from '../../stores/connection-store.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { AlertPanel } from '../../widgets/alerts/alert-panel.tsx';
import { Header } from '../../widgets/header.tsx';
import { QuestionPanelCompact } from '../../widgets/question-panel.tsx';
import { BarrageTicker } from './barrage-ticker.tsx';
import { FunnelChart } from './funnel-chart.tsx';
import { HotWords } from './hot-words.tsx';
import { KpiTiles } from './kpi-tiles.tsx';
import { OnlineChart } from './online-chart.tsx';
import { OutlookStrip } from './outlook/outlook-strip.tsx';
import { ProductTable } from './product-table.tsx';
import { SecondaryStats } from './secondary-stats.tsx';

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
      ? { zoom: scale, height: `${window.innerHeight / scale}px`, width: `${window.innerWidth / scale}px` }
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
        <QuestionPanelCompact />
      </main>
      <OutlookStrip />
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
