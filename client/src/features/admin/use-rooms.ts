// The rooms list as the server has it, reloaded after every change; a 401 (token changed at restart) signs out.
import { useCallback, useEffect, useState } from 'react';
import type { AdminRoom } from '../../../../shared/admin.ts';
import type { AdminApi } from './admin-api.ts';

export interface Rooms {
  list: AdminRoom[];
  error: string | null;
  reload(): Promise<void>;
  create(name: string): Promise<string | null>;
}

export function useRooms(api: AdminApi, onUnauthorized: () => void): Rooms {
  const [list, setList] = useState<AdminRoom[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const res = await api.rooms();
    if (res.ok) {
      setList(res.data);
      setError(null);
    } else if (res.status === 401) onUnauthorized();
    else setError(res.message);
  }, [api, onUnauthorized]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const create = useCallback(
    async (name: string) => {
      const res = await api.create(name);
      if (!res.ok) {
        setError(res.message);
        return null;
      }
      await reload();
      return res.data.id;
    },
    [api, reload],
  );
  return { list, error, reload, create };
}
