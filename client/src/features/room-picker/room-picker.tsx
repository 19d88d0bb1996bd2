// Without a room in the URL: pick a recent room or paste a room id and a seat token.
import { useT } from '../../lib/i18n.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { RecentRoomList, RoomForm } from '../../widgets/room-choice.tsx';

export function RoomPicker() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const setLang = useUiStore((s) => s.setLang);
  return (
    <div className="picker" data-testid="room-picker">
      <div className="picker-head">
        <h1>{t('title')}</h1>
        <button type="button" data-testid="lang-toggle" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {lang === 'zh' ? 'EN' : '中'}
        </button>
      </div>
      <h2>{t('pickRoom')}</h2>
      <RoomForm />
      <RecentRoomList />
    </div>
  );
}
