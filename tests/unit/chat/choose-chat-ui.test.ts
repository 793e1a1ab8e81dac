import { chooseChatUi } from "@/components/chat/choose-chat-ui";

describe("chooseChatUi", () => {
  it("takes a forced mode as given", () => {
    expect(chooseChatUi({ mode: "builtin", script: "ready", chatkitReady: true, chatkitFailed: false })).toBe("builtin");
    expect(chooseChatUi({ mode: "chatkit", script: "failed", chatkitReady: false, chatkitFailed: true })).toBe("chatkit");
  });

  it("auto: ChatKit only once the script loaded and the component reported ready", () => {
    expect(chooseChatUi({ mode: "auto", script: "loading", chatkitReady: false, chatkitFailed: false })).toBe("probing");
    expect(chooseChatUi({ mode: "auto", script: "ready", chatkitReady: false, chatkitFailed: false })).toBe("probing");
    expect(chooseChatUi({ mode: "auto", script: "ready", chatkitReady: true, chatkitFailed: false })).toBe("chatkit");
  });

  it("auto: the built-in panel when the script fails or ChatKit errs or times out", () => {
    expect(chooseChatUi({ mode: "auto", script: "failed", chatkitReady: false, chatkitFailed: false })).toBe("builtin");
    expect(chooseChatUi({ mode: "auto", script: "ready", chatkitReady: false, chatkitFailed: true })).toBe("builtin");
    expect(chooseChatUi({ mode: "auto", script: "ready", chatkitReady: true, chatkitFailed: true })).toBe("builtin");
  });
});
