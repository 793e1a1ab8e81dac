import { randomBase64url, randomHex } from "@/lib/security/random";
import { isValidSid, newSid } from "@/lib/users/session";

describe("pooled random ids", () => {
  it("never repeat across many pool refills, and have the contract's sid form", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const sid = newSid();
      expect(isValidSid(sid)).toBe(true);
      seen.add(sid);
    }
    expect(seen.size).toBe(5000);
  });

  it("give the asked number of bytes, with every hex digit in use", () => {
    const hex = Array.from({ length: 600 }, () => randomHex(8));
    expect(hex.every((h) => /^[0-9a-f]{16}$/.test(h))).toBe(true);
    expect(new Set(hex.join("")).size).toBe(16);
    expect(randomBase64url(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(() => randomHex(5000)).toThrow(RangeError);
  });
});
