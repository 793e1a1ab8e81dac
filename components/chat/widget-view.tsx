"use client";

import { useState, type ReactNode } from "react";
import type { ActionConfig, WidgetComponent, WidgetRoot } from "@/lib/chatkit/protocol";
import styles from "@/components/chat/chat-panel.module.css";

export type WidgetActionRunner = (action: ActionConfig) => Promise<{ removed?: boolean }>;

type ButtonState = "idle" | "pending" | "removed" | "missing";

/** Text of a subtree without its buttons: what a row is about, for its buttons' accessible names. */
function rowText(nodes: readonly WidgetComponent[]): string {
  const parts: string[] = [];
  const visit = (n: WidgetComponent) => {
    if (n.type === "Text" || n.type === "Title" || n.type === "Caption" || n.type === "Markdown") parts.push(n.value);
    else if (n.type === "Badge") parts.push(n.label);
    else if ((n.type === "Row" || n.type === "Col" || n.type === "Box") && n.children) n.children.forEach(visit);
  };
  nodes.forEach(visit);
  return parts.join(" ");
}

function WidgetButton({ label, action, context, run }: { label: string; action: ActionConfig; context: string; run: WidgetActionRunner }) {
  const [state, setState] = useState<ButtonState>("idle");
  const onClick = async () => {
    setState("pending");
    const result = await run(action);
    if (result.removed === undefined) setState("idle");
    else setState(result.removed ? "removed" : "missing");
  };
  const shown = state === "removed" ? "Removed" : state === "missing" ? "Not on chart" : label;
  return (
    <button
      type="button"
      className={styles.widgetButton}
      onClick={onClick}
      disabled={state !== "idle"}
      aria-label={context ? `${shown}: ${context}` : undefined}
    >
      {shown}
    </button>
  );
}

function renderNodes(nodes: readonly WidgetComponent[], run: WidgetActionRunner, context: string): ReactNode[] {
  return nodes.map((node, i) => <WidgetNodeView key={node.key ?? node.id ?? i} node={node} run={run} context={context} />);
}

function WidgetNodeView({ node, run, context }: { node: WidgetComponent; run: WidgetActionRunner; context: string }) {
  switch (node.type) {
    case "Title":
      return <strong className={styles.widgetTitle}>{node.value}</strong>;
    case "Text":
    case "Markdown":
      return <span className={styles.widgetText}>{node.value}</span>;
    case "Caption":
      return <span className={styles.widgetCaption}>{node.value}</span>;
    case "Badge":
      return <span className={styles.widgetBadge}>{node.label}</span>;
    case "Button":
      if (!node.onClickAction) return null;
      return <WidgetButton label={node.label ?? node.onClickAction.type} action={node.onClickAction} context={context} run={run} />;
    case "Divider":
      return <hr className={styles.widgetDivider} />;
    case "Spacer":
    case "Icon":
      return null;
    case "Row": {
      // A row is one level or pattern: its buttons are named after it ("Remove: Support 212.40 …").
      const children = node.children ?? [];
      return <div className={styles.widgetRow}>{renderNodes(children, run, rowText(children))}</div>;
    }
    case "Col":
    case "Box":
      return <div className={node.type === "Box" && node.direction === "row" ? styles.widgetRow : styles.widgetCol}>{renderNodes(node.children ?? [], run, context)}</div>;
  }
}

/** The first Title in the tree ("TSLA 1D · Levels"): the card's accessible name. */
function titleOf(nodes: readonly WidgetComponent[]): string | null {
  for (const n of nodes) {
    if (n.type === "Title") return n.value;
    if ((n.type === "Row" || n.type === "Col" || n.type === "Box") && n.children) {
      const inner = titleOf(n.children);
      if (inner) return inner;
    }
  }
  return null;
}

/** A ChatKit widget (the level/pattern card) as plain, accessible HTML with working actions. */
export function WidgetView({ widget, run }: { widget: WidgetRoot; run: WidgetActionRunner }) {
  const label = (widget.type === "Card" ? titleOf(widget.children) : null) ?? "Results";
  if (widget.type === "Card") {
    return (
      <section className={styles.widgetCard} aria-label={label}>
        {renderNodes(widget.children, run, "")}
      </section>
    );
  }
  return (
    <ul className={styles.widgetCard} aria-label={label}>
      {widget.children.map((item, i) => {
        const context = rowText(item.children);
        return (
          <li key={item.key ?? item.id ?? i} className={styles.widgetRow}>
            {renderNodes(item.children, run, context)}
            {item.onClickAction ? <WidgetButton label="Open" action={item.onClickAction} context={context} run={run} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
