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
let burstSince = 0;
/** How long a burst of arriving requests may hold the answers back. */
const MAX_HOLD_MS = 5;

/**
 * The server calls this for every request. While requests keep arriving, a turn waits for the
 * next loop iteration, so a burst of new conversations all get their first events out before
 * the first answer's CPU work; after MAX_HOLD_MS of steady arrivals turns go on as before.
 */
export function requestArrived(): void {
  arrived = true;
}

function grant(): void {
  scheduled = false;
  if (arrived) {
    arrived = false;
    const now = performance.now();
    if (burstSince === 0) burstSince = now;
    if (now - burstSince < MAX_HOLD_MS) {
      schedule();
      return;
    }
  } else burstSince = 0;
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
