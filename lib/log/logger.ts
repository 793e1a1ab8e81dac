/** One JSON line per event on stdout, so log shippers need no parser. */
export type LogFields = Record<string, unknown>;

function write(level: "info" | "warn" | "error", msg: string, fields: LogFields): void {
  if (process.env.LOG_SILENT === "1") return;
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields });
  if (level === "error") process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}

export const log = {
  info: (msg: string, fields: LogFields = {}) => write("info", msg, fields),
  warn: (msg: string, fields: LogFields = {}) => write("warn", msg, fields),
  error: (msg: string, fields: LogFields = {}) => write("error", msg, fields),
};
