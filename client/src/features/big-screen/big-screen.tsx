// The 场控 big screen: every widget reads its own narrow slice of the stores the bridge fills.
import { useRoomStore } from '../../stores/room-store.ts';
import { AlertPanel } from '../alerts/alert-panel.tsx';
import { BarrageTicker } from './barrage-ticker.tsx';
import { FunnelChart } from './funnel-chart.tsx';
import { Header } from './header.tsx';
import { HotWords } from './hot-words.tsx';
import { KpiTiles } from './kpi-tiles.tsx';
import { OnlineChart } from './online-chart.tsx';
import { ProductTable } from './product-table.tsx';
import { SecondaryStats } from './secondary-stats.tsx';

export function BigScreen({ roomId }: { roomId: string }) {
  const hasCommerce = useRoomStore((s) => s.state?.hasCommerce ?? true);
  return (
    <div className="screen">
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
      </main>
      {hasCommerce ? null : <NoCommerceNote />}
    </div>
  );
}

function NoCommerceNote() {
  return <div className="note">该数据源无交易数据 · This source has no sales data</div>;
}
