import { formatAxisPrice } from "@/components/chart/chart-controller";

describe("axis price format", () => {
  it("groups thousands, keeps two decimals for ordinary prices and significant digits below 1", () => {
    expect(formatAxisPrice(99343.634)).toBe("99,343.63");
    expect(formatAxisPrice(-1250)).toBe("-1,250.00");
    expect(formatAxisPrice(378.85)).toBe("378.85");
    expect(formatAxisPrice(0)).toBe("0.00");
    expect(formatAxisPrice(0.012345)).toBe("0.01235");
  });
});
