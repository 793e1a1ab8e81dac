import type { IPrimitivePaneRenderer } from "lightweight-charts";

/**
 * Drawings as plain shapes in media (CSS pixel) coordinates, and one renderer that paints
 * them in bitmap space. Builders stay pure and testable; only this file touches the canvas.
 */

export interface Pt {
  x: number;
  y: number;
}

export type Shape =
  | { kind: "polyline"; points: Pt[]; color: string; width: number; dash?: number[] }
  | { kind: "rect"; x1: number; y1: number; x2: number; y2: number; fill: string; stroke?: string }
  | { kind: "dot"; at: Pt; radius: number; color: string }
  | {
      kind: "text";
      at: Pt;
      text: string;
      color: string;
      background?: string;
      align: "left" | "right" | "center";
      baseline: "top" | "middle" | "bottom";
    };

type RenderTarget = Parameters<IPrimitivePaneRenderer["draw"]>[0];

const FONT_PX = 11;
const PAD_PX = 3;

export class ShapesRenderer implements IPrimitivePaneRenderer {
  constructor(private readonly shapes: readonly Shape[]) {}

  draw(target: RenderTarget): void {
    if (this.shapes.length === 0) return;
    target.useBitmapCoordinateSpace(({ context: ctx, horizontalPixelRatio: hr, verticalPixelRatio: vr }) => {
      ctx.save();
      for (const shape of this.shapes) {
        switch (shape.kind) {
          case "polyline": {
            if (shape.points.length < 2) break;
            ctx.beginPath();
            ctx.lineWidth = Math.max(1, Math.round(shape.width * hr));
            ctx.strokeStyle = shape.color;
            ctx.setLineDash((shape.dash ?? []).map((d) => d * hr));
            shape.points.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x * hr, p.y * vr) : ctx.lineTo(p.x * hr, p.y * vr)));
            ctx.stroke();
            break;
          }
          case "rect": {
            const x = Math.min(shape.x1, shape.x2) * hr;
            const y = Math.min(shape.y1, shape.y2) * vr;
            const w = Math.abs(shape.x2 - shape.x1) * hr;
            const h = Math.max(1, Math.abs(shape.y2 - shape.y1) * vr);
            ctx.fillStyle = shape.fill;
            ctx.fillRect(x, y, w, h);
            if (shape.stroke) {
              ctx.setLineDash([]);
              ctx.lineWidth = Math.max(1, Math.round(hr));
              ctx.strokeStyle = shape.stroke;
              ctx.strokeRect(x, y, w, h);
            }
            break;
          }
          case "dot": {
            ctx.beginPath();
            ctx.fillStyle = shape.color;
            ctx.arc(shape.at.x * hr, shape.at.y * vr, shape.radius * hr, 0, Math.PI * 2);
            ctx.fill();
            break;
          }
          case "text": {
            ctx.font = `${Math.round(FONT_PX * vr)}px system-ui, -apple-system, "Segoe UI", sans-serif`;
            ctx.textAlign = shape.align;
            ctx.textBaseline = shape.baseline;
            const x = shape.at.x * hr;
            const y = shape.at.y * vr;
            if (shape.background) {
              const w = ctx.measureText(shape.text).width + 2 * PAD_PX * hr;
              const h = (FONT_PX + 2 * PAD_PX) * vr;
              const left = shape.align === "left" ? x - PAD_PX * hr : shape.align === "right" ? x - w + PAD_PX * hr : x - w / 2;
              const top = shape.baseline === "top" ? y - PAD_PX * vr : shape.baseline === "bottom" ? y - h + PAD_PX * vr : y - h / 2;
              ctx.fillStyle = shape.background;
              ctx.fillRect(left, top, w, h);
            }
            ctx.fillStyle = shape.color;
            ctx.fillText(shape.text, x, y);
            break;
          }
        }
      }
      ctx.restore();
    });
  }
}
