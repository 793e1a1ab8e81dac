import { z } from "zod";

/**
 * Where `npm start` listens; the app's own variables are in lib/config/env.ts. Read from the
 * process environment before Next.js loads `.env` files, as `next start` reads PORT.
 */
export const ServerProcessEnvSchema = z.object({
  PORT: z.preprocess((v) => (v === "" || v === undefined ? 3000 : v), z.coerce.number().int().min(0).max(65535)),
  /** Unset: every interface, as `next start` listens. */
  HOST: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
});
