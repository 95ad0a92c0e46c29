import type { FakeOp, Fault } from "./types.js";

type Target = FakeOp | "*";

/** Planned misbehaviour: one-shot (or n-shot) faults and latency, per operation or for all. */
export class FaultPlan {
  private readonly planned = new Map<Target, Array<{ fault: Fault; remaining: number }>>();
  private readonly latency = new Map<Target, number>();

  constructor(defaultLatencyMs = 0) {
    this.latency.set("*", defaultLatencyMs);
  }

  /** The next `times` requests of `op` (or of any operation with "*") get `fault`. */
  inject(op: Target, fault: Fault, times = 1): void {
    const list = this.planned.get(op) ?? [];
    list.push({ fault, remaining: times });
    this.planned.set(op, list);
  }

  take(op: FakeOp): Fault | undefined {
    for (const target of [op, "*"] as const) {
      const list = this.planned.get(target);
      const head = list?.[0];
      if (!list || !head) continue;
      head.remaining--;
      if (head.remaining <= 0) list.shift();
      return head.fault;
    }
    return undefined;
  }

  setLatency(ms: number, op: Target = "*"): void {
    this.latency.set(op, ms);
  }

  latencyFor(op: FakeOp | "unknown"): number {
    return (op === "unknown" ? undefined : this.latency.get(op)) ?? this.latency.get("*") ?? 0;
  }

  clear(): void {
    this.planned.clear();
    const all = this.latency.get("*") ?? 0;
    this.latency.clear();
    this.latency.set("*", all);
  }
}
