"use client";

import { ChatPanel } from "@/components/chat/chat-panel";
import { PriceChart } from "@/components/chart/price-chart";
import { ChartStoreProvider } from "@/components/chart/chart-store-provider";
import { useCandleLoader } from "@/components/chart/use-candle-loader";
import { DrawingsList } from "@/components/drawings/drawings-list";
import { PageIntegrations } from "@/components/integrations/page-integrations";
import { ChartHeader } from "@/components/workspace/chart-header";
import { RuntimeConfigProvider, type RuntimeConfig } from "@/components/workspace/runtime-config";
import { useDrawingsPersistence } from "@/components/workspace/use-drawings-persistence";
import { useTestHook } from "@/components/workspace/use-test-hook";
import { useUrlSync } from "@/components/workspace/use-url-sync";

/** The page's side effects that live as long as the store: data, address bar, storage, test hook. */
function WorkspaceEffects() {
  useCandleLoader();
  useUrlSync();
  useDrawingsPersistence();
  useTestHook();
  return null;
}

export function Workspace({ config }: { config: RuntimeConfig }) {
  return (
    <RuntimeConfigProvider config={config}>
      <ChartStoreProvider init={{ symbol: config.initialSymbol, timeframe: config.initialTimeframe }}>
        <WorkspaceEffects />
        <PageIntegrations />
        <div className="workspace">
          <ChartHeader />
          <main className="workspace-main">
            <section className="chart-area" aria-label="Chart">
              <PriceChart />
            </section>
            <aside className="side-column" aria-label="Drawings and assistant">
              <DrawingsList />
              <div className="chat-slot">
                <ChatPanel />
              </div>
            </aside>
          </main>
        </div>
      </ChartStoreProvider>
    </RuntimeConfigProvider>
  );
}
