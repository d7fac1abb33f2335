import fs from "node:fs";
import path from "node:path";
import { buildBotHandlers } from "../../../src/bot/registry";
import { VERBS } from "../../../src/bot/verbs";
import { FEATURES } from "../../../src/features";
import { packageRoot } from "../../../src/packageRoot";
import { useCaseWorld, type UseCaseWorld } from "../../support/useCaseServices";

/*
 * A capability is registered in one place: its feature.ts, listed once in src/features/index.ts.
 * These fail when a verb is declared twice or handled by a module that does not declare it, and
 * when a wiring file (the bot registry, the tab API, the store, composition, the SAR export)
 * reaches into a feature's folder instead of looping over FEATURES.
 */
const src = path.join(packageRoot(), "src");

/** Where capabilities used to be wired by hand; they may import only the feature list. */
const WIRING = [
  "bot/registry.ts",
  "bot/verbs.ts",
  "bot/teamsBot.ts",
  "bot/botEndpoint.ts",
  "http",
  "store",
  "tab",
  "composition.ts",
  "index.ts",
  "recordKinds.ts",
  "cli/personalData.ts",
  "cli/exportSubjectAccess.ts",
  "cli/provisionSharePoint.ts",
];

/**
 * Wiring that still reaches into a feature, each with why. The test below fails when an entry is
 * no longer needed, so the list only shrinks.
 */
const NOT_YET_MOVED: Readonly<Record<string, string>> = {};

function files(entry: string): string[] {
  const full = path.join(src, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [full];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((d) => files(path.join(entry, d.name)))
    .filter((f) => /\.tsx?$/.test(f));
}

/** Imports of a file, resolved to paths relative to src/. */
function importsOf(file: string): string[] {
  const code = fs.readFileSync(file, "utf8");
  return [...code.matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]+)"/g)].map((m) =>
    path.relative(src, path.resolve(path.dirname(file), m[1]!)),
  );
}

/** A feature's inside: src/features/<name>/..., as opposed to the list and the Feature type. */
const insideAFeature = (target: string) => /^features\/[^/]+\/./.test(target.replace(/\\/g, "/"));

describe("the feature list is the one place a capability is registered", () => {
  let world: UseCaseWorld;
  beforeAll(async () => {
    world = await useCaseWorld();
  });
  afterAll(async () => world.close());

  test("when the wiring files are scanned, then none imports from inside a feature's folder", () => {
    const wiring = WIRING.flatMap(files);
    expect(wiring.length).toBeGreaterThan(10);
    const reaching = wiring.flatMap((file) =>
      importsOf(file)
        .filter(insideAFeature)
        .map((target) => ({ file: path.relative(src, file).replace(/\\/g, "/"), target })),
    );
    expect(
      reaching
        .filter((r) => !(r.file in NOT_YET_MOVED))
        .map((r) => `${r.file} imports ${r.target}`),
    ).toEqual([]);
    // An exemption that is no longer used must go.
    expect(Object.keys(NOT_YET_MOVED).filter((f) => !reaching.some((r) => r.file === f))).toEqual(
      [],
    );
  });

  test("when the scan meets an import from inside a feature, then it reports it", () => {
    expect(insideAFeature("features/posts/postHandlers")).toBe(true);
    expect(insideAFeature("features")).toBe(false);
    expect(insideAFeature("features/feature")).toBe(false);
    expect(insideAFeature("features/allRecordKinds")).toBe(false);
  });

  test("when the features' verbs are listed, then no verb is declared twice", () => {
    const declared = FEATURES.flatMap((f) => Object.values(f.verbs).map((verb) => [verb, f.name]));
    const legacy = Object.values(VERBS).map((verb) => [verb, "bot/verbs.ts"]);
    const owners = new Map<string, string[]>();
    for (const [verb, owner] of [...declared, ...legacy])
      owners.set(verb!, [...(owners.get(verb!) ?? []), owner!]);
    expect([...owners].filter(([, by]) => by.length > 1)).toEqual([]);
  });

  test.each(FEATURES.map((f) => [f.name, f] as const))(
    "when %s builds its bot, then it handles exactly the verbs it declares",
    (_name, feature) => {
      const handled = (feature.bot?.(world.services).actions ?? []).map((a) => a.verb);
      expect(new Set(handled).size).toBe(handled.length);
      expect([...handled].sort()).toEqual([...Object.values(feature.verbs)].sort());
    },
  );

  test("when the bot registry is built, then every card verb comes from a feature or the legacy list", () => {
    const declared = new Set([
      ...FEATURES.flatMap((f) => Object.values(f.verbs)),
      ...Object.values(VERBS),
    ]);
    const verbs = buildBotHandlers(world.services).actions.map((a) => a.verb);
    expect(verbs.filter((v) => !declared.has(v))).toEqual([]);
    for (const f of FEATURES) for (const v of Object.values(f.verbs)) expect(verbs).toContain(v);
  });
});
