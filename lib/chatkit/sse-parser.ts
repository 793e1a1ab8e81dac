/**
 * Incremental parser for `text/event-stream` bodies (the WHATWG event-stream format): feed it
 * decoded text chunks as they arrive and it returns the `data` payload of every event that a
 * blank line completed. Comments (`: ping`) and the `event`, `id` and `retry` fields are ignored,
 * since the ChatKit protocol carries everything in `data`. No imports: the built-in chat panel,
 * the tests' ChatKit client and the benches all read streams with it.
 */
export interface SseParser {
  /** Adds a chunk; returns the data of the events it completed, in order. */
  push(chunk: string): string[];
  /** Ends the stream; an event left without its closing blank line is discarded, as the spec says. */
  end(): void;
}

export function createSseParser(): SseParser {
  let buffer = "";
  let dataLines: string[] = [];
  // A chunk may end between the "\r" and "\n" of one CRLF line ending.
  let skipLeadingLf = false;

  const takeLine = (line: string, out: string[]) => {
    if (line === "") {
      if (dataLines.length > 0) out.push(dataLines.join("\n"));
      dataLines = [];
      return;
    }
    if (line.charCodeAt(0) === 58 /* ":" */) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    if (field !== "data") return;
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* " " */) value = value.slice(1);
    dataLines.push(value);
  };

  return {
    push(chunk) {
      const out: string[] = [];
      let text = chunk;
      if (skipLeadingLf && text.charCodeAt(0) === 10) text = text.slice(1);
      skipLeadingLf = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        takeLine(buffer.slice(start, i), out);
        if (c === 13) {
          if (i + 1 < buffer.length) {
            if (buffer.charCodeAt(i + 1) === 10) i++;
          } else {
            skipLeadingLf = true;
          }
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
      return out;
    },
    end() {
      buffer = "";
      dataLines = [];
      skipLeadingLf = false;
    },
  };
}
