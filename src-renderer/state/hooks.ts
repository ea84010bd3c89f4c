// React hooks over the stores. Each readout subscribes to its own tag, so a sample re-renders only that readout.
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { AlarmDto, FlagDto, HealthDto, TagDto, TagSample } from '../../src-main/contract/index.js';
import type { LinkState } from '../api/transport.js';
import type { ApiClient } from '../api/client.js';
import type { Stores } from './stores.js';
import type { DrillState } from '../lib/drill.js';

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores outside <StoresContext.Provider>');
  return stores;
}

export function useApi(): ApiClient {
  return useStores().client;
}

export function useLiveValue(tagId: string): TagSample | undefined {
  const { live } = useStores();
  const subscribe = useCallback((l: () => void) => live.subscribeTag(tagId, l), [live, tagId]);
  const get = useCallback(() => live.get(tagId), [live, tagId]);
  return useSyncExternalStore(subscribe, get);
}

export function useTags(): readonly TagDto[] | null {
  const { tags } = useStores();
  return useSyncExternalStore(tags.subscribe, tags.get);
}

export function useAlarms(): readonly AlarmDto[] {
  const { alarms } = useStores();
  return useSyncExternalStore(alarms.view.subscribe, alarms.view.get);
}

export function useFlags(): readonly FlagDto[] {
  const { flags } = useStores();
  return useSyncExternalStore(flags.view.subscribe, flags.view.get);
}

export function useHealth(): HealthDto | null {
  const { health } = useStores();
  return useSyncExternalStore(health.subscribe, health.get);
}

export function useLinkState(): LinkState {
  const { link } = useStores();
  return useSyncExternalStore(link.subscribe, link.get);
}

export function useLoadError(): string | null {
  const { loadError } = useStores();
  return useSyncExternalStore(loadError.subscribe, loadError.get);
}

export function useDrill(uplinkId: string): DrillState {
  const { drills } = useStores();
  const store = drills.state(uplinkId);
  return useSyncExternalStore(store.subscribe, store.get);
}
