import type { ChartCommand } from "@/lib/commands/schema";
import type { Timeframe } from "@/lib/market/values";
import type { AnswerWidget, AnswerWidgetRow } from "@/lib/orchestrator/types";
import { ANALYZE_ACTION_TOOLS, type AnalyzeActionTool, type CardWidget, type WidgetComponent, type WidgetRoot } from "./protocol";

/** A row's Row component is keyed by this prefix + the drawing id, so a removal finds it. */
const ROW_KEY = "drawing:";
/** Timeframes the card offers to re-run the same tool on (the plan's "Same on 1h / 1W"). */
const RERUN_TIMEFRAMES: readonly Timeframe[] = ["1h", "1W"];
const FALLBACK_TIMEFRAME: Timeframe = "1D";

type BadgeColor = "secondary" | "success" | "danger" | "warning" | "info" | "discovery";

function badgeFor(cmd: ChartCommand | undefined): { label: string; color: BadgeColor } | null {
  if (!cmd) return null;
  switch (cmd.type) {
    case "horizontal_line":
    case "zone":
    case "trendline":
      return { label: cmd.role.replace("_", " "), color: cmd.role === "support" ? "success" : cmd.role === "resistance" ? "danger" : "secondary" };
    case "pattern":
      return {
        label: `${cmd.direction} ${Math.round(cmd.confidence * 100)}%`,
        color: cmd.direction === "bullish" ? "success" : cmd.direction === "bearish" ? "danger" : "secondary",
      };
    default:
      return null;
  }
}

function rowComponent(row: AnswerWidgetRow, cmd: ChartCommand | undefined): WidgetComponent {
  const badge = badgeFor(cmd);
  const children: WidgetComponent[] = [
    {
      type: "Col",
      gap: 0,
      flex: 1,
      children: [
        { type: "Text", value: row.title, weight: "semibold", size: "sm" },
        { type: "Caption", value: row.detail, size: "sm" },
      ],
    },
  ];
  if (badge) children.push({ type: "Badge", label: badge.label, color: badge.color, variant: "soft", size: "sm" });
  children.push({
    type: "Button",
    label: "Remove",
    size: "sm",
    variant: "outline",
    color: "secondary",
    onClickAction: { type: "chart.remove_drawing", payload: { id: row.id }, handler: "client" },
  });
  return { type: "Row", key: ROW_KEY + row.id, align: "center", gap: 2, children };
}

function rerunTimeframes(current: Timeframe): Timeframe[] {
  return RERUN_TIMEFRAMES.map((tf) => (tf === current ? FALLBACK_TIMEFRAME : tf));
}

function isAnalyzeTool(tool: string): tool is AnalyzeActionTool {
  return (ANALYZE_ACTION_TOOLS as readonly string[]).includes(tool);
}

/**
 * The level/pattern card: one row per drawing (title, detail with price, touches or
 * confidence, a role/direction badge, a client-handled Remove), then "Same on 1h / 1W"
 * buttons that come back to the server as `threads.custom_action`.
 */
export function buildAnswerCard(widget: AnswerWidget, commands: readonly ChartCommand[]): CardWidget {
  const byId = new Map<string, ChartCommand>();
  for (const c of commands) if ("id" in c) byId.set(c.id, c);
  const heading = widget.kind === "levels" ? "Levels" : "Patterns";
  const children: WidgetComponent[] = [
    { type: "Title", value: `${widget.symbol} ${widget.timeframe} · ${heading}`, size: "sm" },
    { type: "Divider", spacing: 8 },
    ...widget.rows.map((row) => rowComponent(row, byId.get(row.id))),
  ];
  if (isAnalyzeTool(widget.tool)) {
    const tool = widget.tool;
    children.push(
      { type: "Divider", spacing: 8 },
      {
        type: "Row",
        gap: 2,
        children: rerunTimeframes(widget.timeframe).map(
          (tf): WidgetComponent => ({
            type: "Button",
            label: `Same on ${tf}`,
            size: "sm",
            variant: "soft",
            onClickAction: { type: "chart.analyze", payload: { tool, timeframe: tf, symbol: widget.symbol }, handler: "server" },
          }),
        ),
      },
    );
  }
  return { type: "Card", size: "md", children };
}

function texts(c: WidgetComponent): string[] {
  if (c.type === "Title" || c.type === "Text" || c.type === "Caption") return [c.value];
  if (c.type === "Row" || c.type === "Col" || c.type === "Box") return (c.children ?? []).flatMap(texts);
  return [];
}

/** Plain text of a card (its title and each drawing row) for copy and for the model's history. */
export function cardCopyText(root: WidgetRoot): string {
  if (root.type !== "Card") return "";
  const lines: string[] = [];
  for (const c of root.children) {
    if (c.type === "Title") lines.push(c.value);
    else if (c.key?.startsWith(ROW_KEY)) lines.push(texts(c).join(": "));
  }
  return lines.join("\n");
}

/** The card without the row for `drawingId`; null when the card has no such row. */
export function removeDrawingRow(root: WidgetRoot, drawingId: string): WidgetRoot | null {
  if (root.type !== "Card") return null;
  const key = ROW_KEY + drawingId;
  const children = root.children.filter((c) => c.key !== key);
  if (children.length === root.children.length) return null;
  return { ...root, children };
}
