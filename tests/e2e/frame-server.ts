import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";

/** Serves the test chat frame (and nothing else), standing in for a deployer's chat on another origin. */
export interface FrameServer {
  close(): Promise<void>;
}

const FRAME_HTML = readFileSync(path.join(__dirname, "frame", "frame.html"));

export async function startFrameServer(port = 3101): Promise<FrameServer> {
  const server: Server = createServer((req, res) => {
    if (req.method === "GET" && new URL(req.url ?? "/", "http://frame").pathname === "/frame.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(FRAME_HTML);
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  });
  // No host: listen on both IPv4 and IPv6, so 127.0.0.1 and localhost (which may be ::1) both reach it.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, resolve);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
