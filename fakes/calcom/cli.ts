// Runs the fake Cal.com on its own: `npx tsx fakes/calcom/cli.ts [port] [latencyMs]`.
import { startFakeCalcom } from "./index.js";

const port = Number(process.argv[2] ?? 0);
const latencyMs = Number(process.argv[3] ?? 0);
const fake = await startFakeCalcom({ port, latencyMs, rateLimit: false });
console.log(
  JSON.stringify({
    CALCOM_API_URL: fake.url,
    CALCOM_API_KEY: fake.apiKey,
    CALCOM_EVENT_TYPE_ID: fake.eventTypeId,
  }),
);
const stop = () => void fake.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
