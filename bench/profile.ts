/** The top of a V8 .cpuprofile (from `node --cpu-prof`): where the bot spent its CPU. */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Where a frame comes from: a package, the bot's own source, or Node itself. */
function origin(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const own = /\/dist\/(src\/.*)$/.exec(url);
  if (own) return own[1] as string;
  if (url.startsWith("node:")) return url;
  return url === "" ? "(native/V8)" : url.replace(/^file:\/\//, "");
}

export function summarizeProfile(path: string, top = 15): string {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...byNode.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = byNode.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || "(anonymous)"} ${origin(url)}${url ? `:${lineNumber + 1}` : ""}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const where = ["(idle)", "(program)", "(garbage collector)"].includes(functionName)
      ? functionName
      : origin(url);
    pkg.set(where, (pkg.get(where) ?? 0) + us);
  }
  const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)} %`;
  const ms = (us: number) => `${Math.round(us / 1000)} ms`.padStart(9);
  const lines = [`CPU profile ${path} (${Math.round(total / 1000)} ms sampled)`, "  by origin:"];
  for (const [k, v] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${pct(v)} ${ms(v)}  ${k}`);
  lines.push("  by function (self time):");
  for (const [k, v] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${pct(v)} ${ms(v)}  ${k}`);
  return lines.join("\n");
}
