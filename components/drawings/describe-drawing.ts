import type { DrawingCommand } from "@/lib/commands/schema";

/** How a drawing reads in the list and in chart-context summaries: a label and one line of detail. */
export interface DrawingDescription {
  label: string;
  detail: string;
}

const INDICATOR_TITLES: Readonly<Record<string, string>> = {
  sma: "SMA",
  ema: "EMA",
  rsi: "RSI",
  bollinger: "Bollinger",
  macd: "MACD",
  vwap: "VWAP",
};

export function formatPrice(price: number): string {
  // Sub-dollar prices (FX crosses, small caps) need significant digits, not two decimals.
  return price >= 1 ? price.toFixed(2) : price.toPrecision(4);
}

function formatDate(time: number): string {
  return new Date(time * 1000).toISOString().slice(0, 10);
}

function titleCase(name: string): string {
  const words = name.split("_").join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `SMA 50`, `Bollinger 20, 2`, `MACD 12, 26, 9`, `VWAP`. */
export function indicatorTitle(name: string, params: Readonly<Record<string, number>>): string {
  const values = Object.values(params);
  const title = INDICATOR_TITLES[name] ?? name.toUpperCase();
  return values.length > 0 ? `${title} ${values.join(", ")}` : title;
}

export function describeDrawing(d: DrawingCommand): DrawingDescription {
  switch (d.type) {
    case "horizontal_line":
      return { label: d.label || `${titleCase(d.role)} ${formatPrice(d.price)}`, detail: formatPrice(d.price) };
    case "zone": {
      const [lo, hi] = d.from_price <= d.to_price ? [d.from_price, d.to_price] : [d.to_price, d.from_price];
      return { label: d.label || `${titleCase(d.role)} zone`, detail: `${formatPrice(lo)} – ${formatPrice(hi)}` };
    }
    case "trendline":
      return {
        label: d.label || `${titleCase(d.role)} trendline`,
        detail: `${formatPrice(d.start.price)} → ${formatPrice(d.end.price)}`,
      };
    case "pattern": {
      const pct = `${Math.round(d.confidence * 100)}%`;
      const target = d.target !== undefined ? `, target ${formatPrice(d.target)}` : "";
      return { label: d.label || titleCase(d.name), detail: `${d.direction}, ${pct}${target}` };
    }
    case "marker":
      return { label: d.text || `Marker ${formatDate(d.time)}`, detail: `${d.position} bar, ${formatDate(d.time)}` };
    case "indicator":
      return { label: indicatorTitle(d.name, d.params), detail: "indicator" };
    case "fibonacci":
      return {
        label: "Fibonacci retracement",
        detail: `${formatPrice(d.start.price)} → ${formatPrice(d.end.price)}`,
      };
  }
}
