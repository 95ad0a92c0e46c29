import { setFlagsFromString } from "node:v8";

/**
 * Imported first by main.ts. The bot runs on a small machine (fly.io, 256 MB) and spends most of
 * its time waiting on the network, so V8 is told to favour memory over speed:
 * - `--optimize-for-size`: collect garbage before letting the heap grow, instead of growing it up
 *   to several times the live data (the live heap is ~25 MB; without this, 100 people booking at
 *   once took the process from ~80 MB to ~170 MB of RSS; with it, ~110 MB).
 * - `--liftoff-only`: undici parses HTTP with a WebAssembly build of llhttp; V8's optimising
 *   WebAssembly tier spent a ~40 MB spike recompiling it during the first requests. The baseline
 *   tier is plenty for a few Cal.com requests a second (docs/BENCHMARKS.md, undici addendum).
 * The cost is a little more CPU in the collector and the parser.
 */
setFlagsFromString("--optimize-for-size");
setFlagsFromString("--liftoff-only");
