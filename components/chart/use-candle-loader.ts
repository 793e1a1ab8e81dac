"use client";

import { useEffect } from "react";
import { z } from "zod";
import { chartKey } from "@/lib/commands/apply";
import { CandleSchema, DATA_SOURCES } from "@/lib/market/types";
import { useChartStore, useChartStoreApi } from "@/components/chart/chart-store-provider";
import { readError } from "@/components/http/read-error";

/** GET /api/market/candles, checked at the edge like any other input. */
const CandlesResponseSchema = z.object({
  source: z.enum(DATA_SOURCES),
  note: z.string().optional(),
  candles: z.array(CandleSchema),
});

export const CANDLE_LIMIT = 500;

/** Loads the candles of the chart on screen; a newer chart aborts the older request. */
export function useCandleLoader(): void {
  const api = useChartStoreApi();
  const symbol = useChartStore((s) => s.symbol);
  const timeframe = useChartStore((s) => s.timeframe);
  const reloadToken = useChartStore((s) => s.reloadToken);

  useEffect(() => {
    const key = chartKey(symbol, timeframe);
    const controller = new AbortController();
    const store = api.getState();
    store.setCandleState({ status: "loading", key, candles: [] });
    const params = new URLSearchParams({ symbol, timeframe, limit: String(CANDLE_LIMIT) });

    (async () => {
      try {
        const res = await fetch(`/api/market/candles?${params}`, { signal: controller.signal, headers: { accept: "application/json" } });
        if (!res.ok) {
          const failed = await readError(res, `the server answered ${res.status}`);
          api.getState().setCandleState({ status: "error", key, candles: [], error: failed.error });
          return;
        }
        const parsed = CandlesResponseSchema.safeParse(await res.json());
        if (!parsed.success) {
          api.getState().setCandleState({ status: "error", key, candles: [], error: "the market data were malformed" });
          return;
        }
        const { source, note, candles } = parsed.data;
        api.getState().setCandleState({ status: "ready", key, candles, source, note });
      } catch (err) {
        if (controller.signal.aborted) return;
        const message = err instanceof Error ? err.message : String(err);
        api.getState().setCandleState({ status: "error", key, candles: [], error: `the network request failed (${message})` });
      }
    })();

    return () => controller.abort();
  }, [api, symbol, timeframe, reloadToken]);
}
