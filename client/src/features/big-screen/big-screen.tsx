// The 场控 big screen: one socket, one bridge; every widget reads its own narrow slice of the stores.
import { useEffect } from 'react';
import { startBridge } from '../../lib/bridge.ts';
import { rememberRoom } from '../../lib/recent-rooms.ts';
import { createLiveSocket } from '../../lib/socket.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { BarrageTicker } from './barrage-ticker.tsx';
import { FunnelChart } from './funnel-chart.tsx';
import { Header } from './header.tsx';
import { HotWords } from './hot-words.tsx';
import { KpiTiles } from './kpi-tiles.tsx';
import { OnlineChart } from './online-chart.tsx';
import { ProductTable } from './product-table.tsx';
import { SecondaryStats } from './secondary-stats.tsx';

async function loadRoomName(roomId: string, token: string): Promise<void> {
  const res = await fetch(`/api/rooms/${encodeURIComponent(roomId)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) return;
  const room = (await res.json()) as { name: string };
  useRoomStore.setState({ roomName: room.name });
  rememberRoom({ roomId, token, name: room.name });
}

export function BigScreen({ roomId, token }: { roomId: string; token: string }) {
  useEffect(() => {
    const stop = startBridge(createLiveSocket(roomId, token));
    void loadRoomName(roomId, token);
    return stop;
  }, [roomId, token]);
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
      </main>
      {hasCommerce ? null : <NoCommerceNote />}
    </div>
  );
}

function NoCommerceNote() {
  return <div className="note">该数据源无交易数据 · This source has no sales data</div>;
}
