/**
 * Waiting without fixed sleeps: poll a condition until it holds or a deadline passes, then fail with
 * a message that says what was awaited and what was last seen.
 */

export interface WaitOptions {
  /** Deadline (default 5000 ms). */
  timeoutMs?: number;
  /** Poll interval (default 10 ms). */
  intervalMs?: number;
  /** What is being waited for, for the timeout error. */
  description?: string;
  /** Extra context computed at the deadline (e.g. a dump of the state). */
  dump?: () => string;
}

export class WaitTimeoutError extends Error {
  override name = "WaitTimeoutError";
}

/**
 * Resolves with the first truthy value returned by `condition`. A condition may also throw (an
 * assertion): it is retried, and the last error is reported at the deadline.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: WaitOptions = {},
): Promise<Exclude<T, false | null | undefined | 0 | "">> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const intervalMs = options.intervalMs ?? 10;
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown;
  let lastValue: unknown;
  for (;;) {
    try {
      const value = await condition();
      lastValue = value;
      lastError = undefined;
      if (value) return value as Exclude<T, false | null | undefined | 0 | "">;
    } catch (e) {
      lastError = e;
    }
    if (performance.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, Math.max(0, deadline - performance.now()))));
  }
  const what = options.description ?? condition.toString().replace(/\s+/g, " ").slice(0, 200);
  const parts = [`waitFor timed out after ${timeoutMs} ms waiting for: ${what}`];
  if (lastError !== undefined) {
    parts.push(`last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
  } else {
    parts.push(`last value: ${JSON.stringify(lastValue)}`);
  }
  if (options.dump) parts.push(options.dump());
  throw new WaitTimeoutError(parts.join("\n"));
}

/**
 * Event-driven variant: re-checks `check` whenever `subscribe`'s callback fires (plus once at the
 * start), without polling. Used by the fake servers' waitFor* helpers.
 */
export function waitForEvent<T>(
  subscribe: (onChange: () => void) => () => void,
  check: () => T | undefined,
  options: { timeoutMs?: number; onTimeout: () => Error },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let unsubscribe: () => void = () => {};
    const finish = () => {
      done = true;
      clearTimeout(timer);
      unsubscribe();
    };
    const run = () => {
      if (done) return;
      try {
        const v = check();
        if (v !== undefined) {
          finish();
          resolve(v);
        }
      } catch (e) {
        finish();
        reject(e);
      }
    };
    const timer = setTimeout(() => {
      if (done) return;
      finish();
      reject(options.onTimeout());
    }, options.timeoutMs ?? 5000);
    unsubscribe = subscribe(run);
    run();
  });
}
