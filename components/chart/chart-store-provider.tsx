"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import { createChartStore, type ChartStore, type ChartStoreInit, type ChartStoreState } from "@/components/chart/chart-store";

const ChartStoreContext = createContext<ChartStore | null>(null);

/** One store per page load (never module-global: the server renders many users' pages). */
export function ChartStoreProvider({ init, children }: { init: ChartStoreInit; children: ReactNode }) {
  const [store] = useState(() => createChartStore(init));
  return <ChartStoreContext.Provider value={store}>{children}</ChartStoreContext.Provider>;
}

/** The vanilla store, for code outside React's render (bridges, effects, event handlers). */
export function useChartStoreApi(): ChartStore {
  const store = useContext(ChartStoreContext);
  if (!store) throw new Error("useChartStoreApi must be used inside <ChartStoreProvider>");
  return store;
}

/** Subscribes to a slice; use `useShallow` from zustand/react/shallow for object selectors. */
export function useChartStore<T>(selector: (state: ChartStoreState) => T): T {
  return useStore(useChartStoreApi(), selector);
}
