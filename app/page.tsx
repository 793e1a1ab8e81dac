import { allowedOrigins, serverEnv } from "@/lib/config/env";
import { SymbolSchema, TimeframeSchema } from "@/lib/market/values";
import type { RuntimeConfig } from "@/components/workspace/runtime-config";
import { Workspace } from "@/components/workspace/workspace";

// Runtime configuration (chat mode, origins) is read per request, never baked in at build time.
export const dynamic = "force-dynamic";

const DEFAULT_SYMBOL = "TSLA";
const DEFAULT_TIMEFRAME = "1D";

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const symbol = SymbolSchema.safeParse(first(params.symbol) ?? "");
  const timeframe = TimeframeSchema.safeParse(first(params.timeframe) ?? "");
  const env = serverEnv();
  const config: RuntimeConfig = {
    chatUi: env.CHAT_UI,
    chatkitDomainKey: env.CHATKIT_DOMAIN_KEY ?? null,
    hostedWorkflow: Boolean(env.CHATKIT_WORKFLOW_ID),
    allowedOrigins: allowedOrigins(env),
    initialSymbol: symbol.success ? symbol.data : DEFAULT_SYMBOL,
    initialTimeframe: timeframe.success ? timeframe.data : DEFAULT_TIMEFRAME,
  };
  return <Workspace config={config} />;
}
