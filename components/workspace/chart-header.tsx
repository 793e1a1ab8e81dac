"use client";

import { useId, useState, type FormEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { TIMEFRAMES } from "@/lib/market/values";
import { currentCandles } from "@/components/chart/chart-store";
import { useChartStore, useChartStoreApi } from "@/components/chart/chart-store-provider";
import { formatPrice } from "@/components/drawings/describe-drawing";

function SymbolForm({ symbol }: { symbol: string }) {
  const api = useChartStoreApi();
  const [value, setValue] = useState(symbol);
  const [invalid, setInvalid] = useState(false);
  const hintId = useId();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ok = api.getState().setSymbol(value);
    setInvalid(!ok);
  };

  return (
    <form className="symbol-form" onSubmit={submit} role="search">
      <label htmlFor={`${hintId}-input`} className="visually-hidden">
        Symbol
      </label>
      <input
        id={`${hintId}-input`}
        name="symbol"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setInvalid(false);
        }}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="characters"
        maxLength={16}
        aria-invalid={invalid}
        aria-describedby={invalid ? hintId : undefined}
      />
      <button type="submit">Load</button>
      {invalid && (
        <span id={hintId} className="field-error" role="alert">
          Not a ticker: try TSLA, BRK.B, ^GSPC, BTC-USD or EURUSD=X.
        </span>
      )}
    </form>
  );
}

function TimeframeBar({ timeframe }: { timeframe: string }) {
  const api = useChartStoreApi();
  return (
    <div className="timeframes" role="group" aria-label="Timeframe">
      {TIMEFRAMES.map((tf) => (
        <button key={tf} type="button" aria-pressed={tf === timeframe} onClick={() => api.getState().setTimeframe(tf)}>
          {tf}
        </button>
      ))}
    </div>
  );
}

function LastPrice() {
  const candles = useChartStore((s) => currentCandles(s));
  const last = candles[candles.length - 1];
  const prev = candles[candles.length - 2];
  if (!last) return null;
  const change = prev ? ((last.close - prev.close) / prev.close) * 100 : 0;
  return (
    <span className="last-price">
      <span className="price">{formatPrice(last.close)}</span>
      <span className={change >= 0 ? "change up" : "change down"}>
        {change >= 0 ? "+" : ""}
        {change.toFixed(2)}%
      </span>
    </span>
  );
}

function DataSourceBadge() {
  const { status, source, note } = useChartStore(
    useShallow((s) => ({ status: s.data.status, source: s.data.source, note: s.data.note })),
  );
  if (status !== "ready" || !source) return null;
  return (
    <span className="source">
      {source === "demo" ? <span className="badge">Demo data</span> : <span className="source-name">Yahoo Finance</span>}
      {note && <span className="source-note">{note}</span>}
    </span>
  );
}

/** Symbol, timeframe, last price and where the data come from. */
export function ChartHeader() {
  const { symbol, timeframe } = useChartStore(useShallow((s) => ({ symbol: s.symbol, timeframe: s.timeframe })));
  return (
    <header className="topbar">
      <span className="brand">Chart Assistant</span>
      {/* Keyed by symbol: the field resets to the loaded symbol whenever the chart changes. */}
      <SymbolForm key={symbol} symbol={symbol} />
      <TimeframeBar timeframe={timeframe} />
      <LastPrice />
      <DataSourceBadge />
    </header>
  );
}
