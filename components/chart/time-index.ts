/**
 * Times → lightweight-charts logical indices. `timeToCoordinate` is null for a time with no
 * bar, so drawings place their points by logical index instead: a fraction between the bars
 * around it, and beyond the last bar by the recent average spacing (weekends included), which
 * lets lines reach the right edge and past it.
 */
export class TimeIndex {
  private readonly step: number;

  constructor(private readonly times: ArrayLike<number>) {
    const n = times.length;
    const span = Math.min(50, n - 1);
    this.step = span > 0 ? ((times[n - 1] as number) - (times[n - 1 - span] as number)) / span : 1;
  }

  get length(): number {
    return this.times.length;
  }

  timeAt(index: number): number | undefined {
    return this.times[index];
  }

  /** Index of the last bar stamped at or before `t`; -1 when `t` is before the first bar. */
  atOrBefore(t: number): number {
    let lo = 0;
    let hi = this.times.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.times[mid] as number) <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Fractional logical index of `t`; null when there are no bars. */
  logical(t: number): number | null {
    const n = this.times.length;
    if (n === 0) return null;
    const first = this.times[0] as number;
    const last = this.times[n - 1] as number;
    if (t <= first) return (t - first) / (this.step || 1);
    if (t >= last) return n - 1 + (t - last) / (this.step || 1);
    const i = this.atOrBefore(t);
    const a = this.times[i] as number;
    const b = this.times[i + 1] as number;
    return b > a ? i + (t - a) / (b - a) : i;
  }
}
