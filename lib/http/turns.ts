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

function grant(): void {
  scheduled = false;
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
