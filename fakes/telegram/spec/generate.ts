/**
 * Regenerates `bot-api.compact.json` from the upstream machine-readable Bot API
 * (PaulSonOfLars/telegram-bot-api-spec `api.json`, MIT). Keeps only what the fake needs:
 * method fields (name, types, required), return types, type fields and subtypes, and the
 * discriminator value of subtype fields ("type"/"status"/"source": "must be chat").
 *
 *   npx tsx fakes/telegram/spec/generate.ts [/path/to/bot-api.json]
 *   npx biome format --write fakes/telegram/spec/bot-api.compact.json
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

interface UpstreamField {
  name: string;
  types: string[];
  required: boolean;
  description: string;
}
interface UpstreamEntry {
  name: string;
  returns?: string[];
  fields?: UpstreamField[];
  subtypes?: string[];
}
interface Upstream {
  version: string;
  release_date: string;
  changelog: string;
  methods: Record<string, UpstreamEntry>;
  types: Record<string, UpstreamEntry>;
}

const source = process.argv[2] ?? "/work/shared/telegram/bot-api.json";
const upstream = JSON.parse(readFileSync(source, "utf8")) as Upstream;
const DISCRIMINATORS = new Set(["type", "status", "source"]);

function fields(list: UpstreamField[] | undefined, withConst: boolean) {
  return (list ?? []).map((f) => {
    const out: { name: string; types: string[]; required: boolean; const?: string } = {
      name: f.name,
      types: f.types,
      required: f.required,
    };
    if (withConst && f.required && DISCRIMINATORS.has(f.name)) {
      const m = /(?:must be|always) ["“]?\*?([A-Za-z_]+)/.exec(f.description);
      if (m?.[1]) out.const = m[1];
    }
    return out;
  });
}

const out = {
  source: "https://github.com/PaulSonOfLars/telegram-bot-api-spec (api.json, MIT)",
  version: upstream.version,
  release_date: upstream.release_date,
  changelog: upstream.changelog,
  methods: Object.fromEntries(
    Object.entries(upstream.methods).map(([name, m]) => [
      name,
      { returns: m.returns ?? [], fields: fields(m.fields, false) },
    ]),
  ),
  types: Object.fromEntries(
    Object.entries(upstream.types).map(([name, t]) => [
      name,
      t.subtypes?.length
        ? { fields: fields(t.fields, true), subtypes: t.subtypes }
        : { fields: fields(t.fields, true) },
    ]),
  ),
};

const target = join(dirname(fileURLToPath(import.meta.url)), "bot-api.compact.json");
writeFileSync(target, `${JSON.stringify(out)}\n`);
console.log(`wrote ${target}`);
