import { readError } from "@/components/http/read-error";

const contract = { success: false, code: "unknown_symbol", error: "unknown symbol ZZZZ", text: "I don't know that symbol." };

function answer(status: number, body: string, type = "application/json"): Response {
  return new Response(body, { status, headers: { "content-type": type } });
}

describe("readError", () => {
  it("names a contract error body: its code, the precise error, and the sentence a chat shows", async () => {
    await expect(readError(answer(404, JSON.stringify(contract)), "fallback")).resolves.toEqual({
      status: 404,
      code: "unknown_symbol",
      error: "unknown symbol ZZZZ",
      text: "I don't know that symbol.",
    });
  });

  it("shows the error sentence when the body has no chat text", async () => {
    const { text } = await readError(answer(429, JSON.stringify({ code: "rate_limited", error: "Too many requests." })), "fallback");
    expect(text).toBe("Too many requests.");
  });

  it.each([
    ["a proxy's HTML page", answer(502, "<html><body>Bad gateway</body></html>", "text/html")],
    ["an empty body", answer(500, "")],
    ["JSON of another shape", answer(503, JSON.stringify({ message: "down" }))],
  ])("falls back for %s, with no code", async (_case, res) => {
    await expect(readError(res, `the server answered ${res.status}`)).resolves.toEqual({
      status: res.status,
      code: null,
      error: `the server answered ${res.status}`,
      text: `the server answered ${res.status}`,
    });
  });
});
