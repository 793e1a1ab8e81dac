import { z } from "zod";
import { int, str } from "@/lib/config/env";

/**
 * Where `npm start` listens; the app's own variables are in lib/config/env.ts. Read from the
 * process environment before Next.js loads `.env` files, as `next start` reads PORT.
 */
export const ServerProcessEnvSchema = z.object({
  PORT: int(3000, 0, 65535),
  /** Unset: every interface, as `next start` listens. */
  HOST: str(),
});
