import { defineRoute } from "@/lib/http/route";
import { parseOr400 } from "@/lib/http/zod-error";
import { ttlMsFor } from "@/lib/market/cache";
import { getCandles, marketAppError } from "@/lib/market/service";
import { CandlesQuerySchema } from "./schema";

/** Browsers may reuse an answer for as long as the server cache would; a fallback answer only briefly. */
const FALLBACK_MAX_AGE_S = 15;

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  "/api/market/candles",
  {
    GET: async ({ req, logFields }) => {
      const query = parseOr400(CandlesQuerySchema, Object.fromEntries(new URL(req.url).searchParams));
      Object.assign(logFields, { symbol: query.symbol, timeframe: query.timeframe, limit: query.limit });
      let result;
      try {
        result = await getCandles(query);
      } catch (err) {
        throw marketAppError(err);
      }
      logFields.source = result.source;
      const maxAge = result.note ? FALLBACK_MAX_AGE_S : Math.round(ttlMsFor(query.timeframe) / 1000);
      return Response.json(result, { headers: { "cache-control": `private, max-age=${maxAge}` } });
    },
  },
  { access: "public" },
);
