import { resolveChartContext } from "@/lib/chatkit/chart-context";
import { process } from "@/lib/chatkit/server";
import { encodeEvent } from "@/lib/chatkit/protocol";
import { readJson } from "@/lib/http/body";
import { AppError } from "@/lib/http/errors";
import { EventStreamReply, type Reply } from "@/lib/http/event-stream";
import { isOriginAllowed } from "@/lib/http/origin";
import { defineRoute, type RequestContext } from "@/lib/http/route";

/** The ChatKit server (CONTRACT.md "POST /api/chatkit"); the protocol lives in lib/chatkit. */
async function handle({ req, session, logFields }: RequestContext): Promise<Reply> {
  // Cookie-authenticated, so a cross-site page must not be able to drive it.
  if (!isOriginAllowed(req)) throw new AppError("forbidden", "origin is not allowed to use this endpoint");
  const body = await readJson(req);
  const chartContext = await resolveChartContext(req, session.userId);
  const abort = new AbortController();
  const stop = () => abort.abort();
  req.signal.addEventListener("abort", stop, { once: true });
  const result = await process(body, { userId: session.userId, chartContext, signal: abort.signal });
  logFields.chatkit_type = (body as { type?: unknown }).type;
  if (result.kind === "json") {
    req.signal.removeEventListener("abort", stop);
    return Response.json(result.body);
  }
  return EventStreamReply.of(result.events, encodeEvent, stop);
}

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute("/api/chatkit", { POST: handle }, { access: "cookie" });
