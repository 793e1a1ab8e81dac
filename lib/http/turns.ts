/**
 * Turns on the event loop for CPU-heavy work (an agent answering), one per loop iteration, in
 * the order asked. Between two turns Node polls its sockets, so requests that arrived meanwhile
 * get their first bytes out before the next answer is computed: on a busy server every
 * stream opens at once and the answers queue behind each other, instead of the newest
 * requests waiting for every older answer to finish. `setImmediate` alone would not do it:
 * callbacks queued before the check phase all run in one phase, back to back.
 */
const waiting: Array<() => void> = [];
let scheduled = false;
let arrived = false;
let lastArrival = Number.NEGATIVE_INFINITY;
let burstStart = 0;
/** How long a burst of arriving requests may hold the answers back; also the quiet gap that ends a burst. */
const MAX_HOLD_MS = 5;

/**
 * The server calls this for every request. While requests keep arriving, a turn waits for the
 * next loop iteration, so a burst of new conversations all get their first events out before
 * the first answer's CPU work. A burst is arrivals without a MAX_HOLD_MS gap; once it is older
 * than MAX_HOLD_MS (a steady flow), turns go on one per iteration again.
 */
export function requestArrived(): void {
  const now = performance.now();
  if (now - lastArrival > MAX_HOLD_MS) burstStart = now;
  lastArrival = now;
  arrived = true;
}

function grant(): void {
  scheduled = false;
  if (arrived) {
    arrived = false;
    if (performance.now() - burstStart < MAX_HOLD_MS) {
      schedule();
      return;
    }
  }
  const next = waiting.shift();
  if (waiting.length > 0) schedule();
  next?.();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(grant);
}

/** Resolves on this caller's turn; the work after the `await` runs before the loop polls again. */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    schedule();
  });
}
