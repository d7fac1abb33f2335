import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv-draft-04";
import { PNG } from "pngjs";
import { present } from "../support/present";

/*
 * The Teams app package (appPackage/) and the toolkit files that fill it in (env/, m365agents*.yml,
 * aad.manifest.json, infra/). Nothing here talks to Teams or Azure: these are the checks that
 * `teamsApp/validateManifest` and a provision would otherwise make fail late.
 */

const root = path.resolve(__dirname, "../..");
const read = (relative: string): string => fs.readFileSync(path.join(root, relative), "utf8");
const readJson = <T = unknown>(relative: string): T => JSON.parse(read(relative)) as T;

const SCHEMA_FILE = "MicrosoftTeams.v1.29.schema.json";
// The shared copy beside the repository when there is one; otherwise the copy kept in fixtures
// (MIT, from Microsoft's public schema repository: see LICENSE-teams-app-schema.txt beside it).
const sharedSchemaPath = path.resolve(__dirname, "../../../shared/schemas", SCHEMA_FILE);
const fixtureSchemaPath = path.join(root, "test/fixtures/schemas", SCHEMA_FILE);
const schemaPath = fs.existsSync(sharedSchemaPath) ? sharedSchemaPath : fixtureSchemaPath;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

/** KEY=value lines of a toolkit env file (comments and blank lines skipped). */
function readEnvFile(relative: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of read(relative).split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (m && !line.trimStart().startsWith("#")) vars.set(m[1]!, m[2]!.trim());
  }
  return vars;
}

/** Values shaped like what provisioning writes, for fields whose schema wants a GUID or a URL. */
function sampleValue(name: string): string {
  if (/ENDPOINT$|_URL$/.test(name)) return "https://smp-abc123.azurewebsites.net";
  if (/DOMAIN$/.test(name)) return "smp-abc123.azurewebsites.net";
  if (/(^|_)ID$/.test(name)) {
    const n = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
    return `${n.toString(16).padStart(8, "0").slice(0, 8)}-0000-4000-8000-000000000001`;
  }
  return `sample-${name.toLowerCase()}`;
}

/** The manifest as the toolkit renders it: committed env values where set, samples elsewhere. */
function renderManifest(text: string, env: Map<string, string>): unknown {
  return JSON.parse(
    text.replace(PLACEHOLDER, (_all, name: string) => env.get(name) || sampleValue(name)),
  );
}

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat("uri", (value: string) => URL.canParse(value));
  return ajv.compile(readJson(path.relative(root, schemaPath)));
}

interface Manifest {
  icons: { color: string; outline: string };
  bots: Array<{ commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }> }>;
}

const manifestText = read("appPackage/manifest.json");
const manifest = JSON.parse(manifestText) as Manifest;

describe("Teams app manifest", () => {
  it.each(["env/.env.local", "env/.env.dev"])(
    "when it is rendered with %s, then it validates against the Teams v1.29 schema",
    (envFile) => {
      const validate = validator();
      const valid = validate(renderManifest(manifestText, readEnvFile(envFile)));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  it("when it is validated with its ${{...}} placeholders as they stand, then the only failures are GUID and URL patterns on placeholder fields", () => {
    // The schema asks for GUIDs (id, botId, webApplicationInfo.id) and http(s) URLs, which a
    // placeholder cannot be; the toolkit substitutes before it validates, as the test above does.
    const validate = validator();
    expect(validate(manifest)).toBe(false);
    for (const error of validate.errors ?? []) {
      const value = error.instancePath
        .split("/")
        .slice(1)
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], manifest);
      expect({ path: error.instancePath, keyword: error.keyword }).toEqual({
        path: error.instancePath,
        keyword: "pattern",
      });
      expect(String(value)).toMatch(/^\$\{\{[A-Z0-9_]+\}\}/);
    }
  });

  it.each(["env/.env.local", "env/.env.dev"])(
    "when its ${{VAR}} placeholders are listed, then each one is defined in %s",
    (envFile) => {
      const env = readEnvFile(envFile);
      const missing = placeholdersIn(manifestText).filter((name) => !env.has(name));
      expect(missing).toEqual([]);
    },
  );

  it("when the bot's command lists are read, then no title appears twice in a list or a scope", () => {
    for (const list of manifest.bots[0]!.commandLists) {
      const titles = list.commands.map((c) => c.title.toLowerCase());
      expect(titles).toEqual([...new Set(titles)]);
    }
    const scopes = manifest.bots[0]!.commandLists.flatMap((list) => list.scopes);
    expect(scopes).toEqual([...new Set(scopes)]);
  });

  it("when the personal command list is read, then it offers what the bot does in a one-to-one chat", () => {
    const personal = manifest.bots[0]!.commandLists.find((list) =>
      list.scopes.includes("personal"),
    );
    expect(personal?.commands.map((c) => c.title)).toEqual([
      "help",
      "policy",
      "ask",
      "propose a post",
      "report misuse",
      "my status",
    ]);
  });

  it("when the shared schema is beside the repository, then the fixture copy is identical", () => {
    if (!present(sharedSchemaPath, "the shared Teams app schema")) return;
    expect(fs.readFileSync(fixtureSchemaPath, "utf8")).toBe(
      fs.readFileSync(sharedSchemaPath, "utf8"),
    );
    expect(
      fs.existsSync(path.join(root, "test/fixtures/schemas/LICENSE-teams-app-schema.txt")),
    ).toBe(true);
  });
});

describe("Teams app icons", () => {
  const image = (file: string): PNG =>
    PNG.sync.read(fs.readFileSync(path.join(root, "appPackage", file)));

  it("when the colour icon is read, then it is a 192x192 PNG", () => {
    const png = image(manifest.icons.color);
    expect([png.width, png.height]).toEqual([192, 192]);
  });

  it("when the outline icon is read, then it is a 32x32 PNG", () => {
    const png = image(manifest.icons.outline);
    expect([png.width, png.height]).toEqual([32, 32]);
  });

  it("when the outline icon's pixels are read, then each is fully transparent or white, and some are white", () => {
    const png = image(manifest.icons.outline);
    let white = 0;
    const offending: string[] = [];
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b, a] = png.data.subarray(i, i + 4);
      if (a === 0) continue;
      if (r === 255 && g === 255 && b === 255) white++;
      else
        offending.push(
          `(${(i / 4) % png.width},${Math.floor(i / 4 / png.width)}) rgba ${r},${g},${b},${a}`,
        );
    }
    expect(offending).toEqual([]);
    expect(white).toBeGreaterThan(32);
  });

  it("when the outline icon's corners are read, then the background is transparent", () => {
    const png = image(manifest.icons.outline);
    const alphaAt = (x: number, y: number) => png.data[(y * png.width + x) * 4 + 3];
    expect([alphaAt(0, 0), alphaAt(31, 0), alphaAt(0, 31), alphaAt(31, 31)]).toEqual([0, 0, 0, 0]);
  });
});

describe("toolkit project files", () => {
  // Each file's ${{VAR}}s must be known to the environments that use it: in the committed env
  // file, or as a SECRET_ in the git-ignored .user file (shown by its .sample).
  const uses: Array<[file: string, envs: string[]]> = [
    ["m365agents.yml", ["dev"]],
    ["m365agents.local.yml", ["local"]],
    ["aad.manifest.json", ["local", "dev"]],
    ["infra/azure.parameters.json", ["dev"]],
  ];
  const cases = uses.flatMap(([file, envs]) => envs.map((env) => [file, env] as const));

  it.each(cases)(
    "when %s is used for env %s, then every ${{VAR}} in it is defined",
    (file, env) => {
      const defined = new Set([
        ...readEnvFile(`env/.env.${env}`).keys(),
        ...readEnvFile(`env/.env.${env}.user.sample`).keys(),
      ]);
      const missing = placeholdersIn(read(file)).filter((name) => !defined.has(name));
      expect(missing).toEqual([]);
    },
  );

  it("when the .user samples are read, then they hold only SECRET_ keys with no values", () => {
    for (const env of ["local", "dev"]) {
      const vars = readEnvFile(`env/.env.${env}.user.sample`);
      expect(vars.size).toBeGreaterThan(0);
      for (const [key, value] of vars)
        expect({ key, value }).toEqual({ key: expect.stringMatching(/^SECRET_/), value: "" });
    }
  });

  it("when the committed env files are read, then no SECRET_ key is among them", () => {
    for (const env of ["local", "dev"]) {
      expect(
        [...readEnvFile(`env/.env.${env}`).keys()].filter((k) => k.startsWith("SECRET_")),
      ).toEqual([]);
    }
  });

  it("when infra/azure.parameters.json is read, then it sets only parameters azure.bicep declares, and every required one", () => {
    const bicep = read("infra/azure.bicep");
    const declared = new Map(
      [...bicep.matchAll(/^param (\w+) \w+( = .+)?$/gm)].map((m) => [m[1]!, m[2] !== undefined]),
    );
    const given = Object.keys(
      readJson<{ parameters: Record<string, unknown> }>("infra/azure.parameters.json").parameters,
    );
    expect(given.filter((name) => !declared.has(name))).toEqual([]);
    const required = [...declared].filter(([, hasDefault]) => !hasDefault).map(([name]) => name);
    expect(required.filter((name) => !given.includes(name))).toEqual([]);
  });

  it("when the toolkit YAML files are read, then they carry the v1.8 schema line and version", () => {
    for (const file of ["m365agents.yml", "m365agents.local.yml"]) {
      const text = read(file);
      expect(text.split("\n")[0]).toBe(
        "# yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/v1.8/yaml.schema.json",
      );
      expect(text).toMatch(/^version: v1\.8$/m);
    }
  });
});

describe("the Entra app's single sign-on clients", () => {
  // Microsoft's table of client ids for tab SSO ("Configure your tab app in Microsoft Entra ID"):
  // a v1.29 personal tab also opens in Outlook and the Microsoft 365 app, whose clients ask for the
  // token there; a client missing here gets an error instead of a token.
  const hosts: Record<string, string> = {
    "Teams desktop and mobile": "1fec8e78-bce4-4aaf-ab1b-5451cc387264",
    "Teams web": "5e3ce6c0-2b1f-4285-8d4b-75ee78787346",
    "Microsoft 365 web": "4765445b-32c6-49b0-83e6-1d93765276ca",
    "Microsoft 365 desktop": "0ec893e0-5785-4de6-99da-4ed124e5296c",
    "Microsoft 365 mobile and Outlook desktop": "d3590ed6-52b3-4102-aeff-aad2292ab01c",
    "Outlook web": "bc59ab01-8403-45c6-8796-ac3ef710b3e3",
    "Outlook mobile": "27922004-5251-4030-b22d-91ecd9a37ea4",
  };

  it.each(Object.entries(hosts))(
    "when the app is opened in %s, then that client is pre-authorised for access_as_user",
    (_host, clientId) => {
      const aad = readJson<{
        api: {
          preAuthorizedApplications: Array<{ appId: string; delegatedPermissionIds: string[] }>;
        };
      }>("aad.manifest.json");
      const entry = aad.api.preAuthorizedApplications.find((a) => a.appId === clientId);
      expect(entry?.delegatedPermissionIds).toEqual(["${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}"]);
    },
  );
});
