import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import yaml from "js-yaml";

/*
 * What `atk provision`, `atk deploy` and `atk publish` would do with the files as committed, step
 * by step, without a network: the same env-file reader, the same ${{VAR}} rules and the same
 * outputs between steps as the Microsoft 365 Agents Toolkit (1.1.17, read offline):
 * - env/.env.<name> (and .user, absent on a first run) are read with the toolkit's dotenv regex;
 *   TEAMSFX_ENV is the env's name; APP_NAME_SUFFIX defaults to it.
 * - Before each action runs, every ${{VAR}} in its `with` and `env` must resolve to a non-empty
 *   value (only APP_NAME_SUFFIX may be empty), or the lifecycle stops: "Unresolved placeholders".
 * - Files read by actions (ARM parameters, aad.manifest.json, the Teams manifest) are expanded the
 *   same way and refused while a ${{VAR}} is left in them.
 * - Actions write their outputs (writeToEnvironmentFile, teamsApp/create's TEAMS_APP_TENANT_ID,
 *   aadApp/update's permission id, ARM outputs in upper case, a script's ::set-teamsfx-env).
 * - provision asks for AZURE_SUBSCRIPTION_ID and AZURE_RESOURCE_GROUP_NAME when they are empty.
 */

const root = path.resolve(__dirname, "../..");
const read = (relative: string): string => fs.readFileSync(path.join(root, relative), "utf8");

type Env = Record<string, string>;

/** teamsfx-core envUtil DotenvUtil.deserialize, line by line. */
function readToolkitEnv(relative: string): Env {
  const env: Env = {};
  if (!fs.existsSync(path.join(root, relative))) return env;
  for (const line of read(relative).replace(/\r\n?/gm, "\n").split("\n")) {
    const m =
      /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm.exec(
        line,
      );
    if (!m) continue;
    env[m[1]] = (m[2] || "").trim().replace(/^(['"`])([\s\S]*)\1$/gm, "$2");
  }
  return env;
}

const ALLOWED_EMPTY = ["APP_NAME_SUFFIX"];

/** teamsfx-core configManager/lifecycle resolveString. */
function resolveString(value: string, env: Env, unresolved: string[]): string {
  const placeholder = /\${{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*}}/g;
  let result = value;
  for (const m of value.matchAll(placeholder)) {
    const name = m[1];
    const envValue = env[name];
    const ok = ALLOWED_EMPTY.includes(name) ? envValue !== undefined : Boolean(envValue);
    if (ok) result = result.replace(m[0], envValue);
    else unresolved.push(name);
  }
  return result;
}

function resolveDeep(value: unknown, env: Env, unresolved: string[]): unknown {
  if (typeof value === "string") return resolveString(value, env, unresolved);
  if (Array.isArray(value)) return value.map((v) => resolveDeep(v, env, unresolved));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveDeep(v, env, unresolved)]),
    );
  }
  return value;
}

/** common expandEnvironmentVariable + getEnvironmentVariables: what is left is refused. */
function unresolvedInFile(relative: string, env: Env): string[] {
  const unresolved: string[] = [];
  resolveString(read(relative), env, unresolved);
  return [...new Set(unresolved)];
}

interface Action {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface Project {
  version: string;
  provision?: Action[];
  deploy?: Action[];
  publish?: Action[];
}

const sample = (name: string): string => `sample-${name.toLowerCase().replace(/_/g, "-")}`;

interface StepResult {
  outputs: Env;
  /** Why the toolkit stops here, if it does. */
  refused?: string;
}

function run(action: Action, given: Record<string, unknown>, env: Env): StepResult {
  const written = (extra: string[] = []): Env =>
    Object.fromEntries(
      [...Object.values(action.writeToEnvironmentFile ?? {}), ...extra].map((n) => [n, sample(n)]),
    );
  const fileRefusal = (file: string, environment: Env): string | undefined => {
    const left = unresolvedInFile(file, environment);
    return left.length ? `${file} keeps ${left.join(", ")}` : undefined;
  };
  switch (action.uses) {
    case "teamsApp/create":
      return { outputs: written(["TEAMS_APP_TENANT_ID"]) };
    case "aadApp/create":
    case "botAadApp/create":
    case "teamsApp/publishAppPackage":
      return { outputs: written() };
    case "aadApp/update": {
      const file = String(given.manifestPath);
      // A new permission id is generated while the env has none.
      const permission = env.AAD_APP_ACCESS_AS_USER_PERMISSION_ID || sample("permission");
      const outputs = { AAD_APP_ACCESS_AS_USER_PERMISSION_ID: permission };
      return { outputs, refused: fileRefusal(file, { ...env, ...outputs }) };
    }
    case "arm/deploy": {
      const templates = given.templates as Array<{ path: string; parameters?: string }>;
      const outputs: Env = {};
      for (const template of templates) {
        const refused = template.parameters ? fileRefusal(template.parameters, env) : undefined;
        if (refused) return { outputs, refused };
        for (const m of read(template.path).matchAll(/^output (\w+) /gm)) {
          outputs[m[1].toUpperCase()] = sample(m[1]);
        }
      }
      return { outputs };
    }
    case "teamsApp/validateManifest":
    case "teamsApp/zipAppPackage":
      return { outputs: {}, refused: fileRefusal(String(given.manifestPath), env) };
    case "script": {
      // Run as the toolkit does: a shell in the project folder with the env in process.env.
      const done = spawnSync(String(given.run), {
        cwd: root,
        shell: true,
        env: { PATH: process.env.PATH, ...env },
        encoding: "utf8",
      });
      if (done.status !== 0) {
        return { outputs: {}, refused: `exit ${done.status}: ${done.stderr}${done.stdout}` };
      }
      const outputs: Env = {};
      const regex = /::(set-teamsfx-env|set-output)\s+(\w+)=((["'])(.*?)\4|[^"'\s]+)/g;
      for (const m of done.stdout.matchAll(regex)) outputs[m[2]] = m[5] ?? m[3];
      return { outputs };
    }
    case "teamsApp/validateAppPackage":
    case "teamsApp/update":
    case "botFramework/create":
    case "cli/runNpmCommand":
    case "azureAppService/zipDeploy":
    case "file/createOrUpdateEnvironmentFile":
      return { outputs: {} };
    default:
      throw new Error(`${action.uses} is not modelled here: add what it reads and writes`);
  }
}

interface Stop {
  lifecycle: string;
  step: number;
  action: string;
  reason: string;
}

/** Runs the lifecycles in order on one env, as repeated atk commands do; the first stop ends it. */
function walk(project: Project, lifecycles: Array<keyof Project>, start: Env): Stop | undefined {
  const env: Env = { ...start };
  if (env.APP_NAME_SUFFIX === undefined) env.APP_NAME_SUFFIX = env.TEAMSFX_ENV;
  for (const lifecycle of lifecycles) {
    const actions = (project[lifecycle] ?? []) as Action[];
    if (lifecycle === "provision") {
      // The toolkit asks for the subscription and the resource group when they are empty.
      const arm = actions.find((a) => a.uses === "arm/deploy");
      for (const name of ["AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP_NAME"]) {
        if (arm && JSON.stringify(arm.with).includes(`\${{${name}}}`) && !env[name]) {
          env[name] = sample(name);
        }
      }
    }
    for (const [step, action] of actions.entries()) {
      const unresolved: string[] = [];
      const given = resolveDeep(action.with ?? {}, env, unresolved) as Record<string, unknown>;
      const actionEnv = resolveDeep(action.env ?? {}, env, unresolved) as Env;
      const label = action.name ? `${action.uses} (${action.name})` : action.uses;
      if (unresolved.length > 0) {
        const reason = `Unresolved placeholders: ${[...new Set(unresolved)].join(",")}`;
        return { lifecycle, step, action: label, reason };
      }
      const result = run(action, given, { ...env, ...actionEnv });
      if (result.refused) return { lifecycle, step, action: label, reason: result.refused };
      Object.assign(env, result.outputs);
    }
  }
  return undefined;
}

const loadProject = (file: string): Project => yaml.load(read(file)) as Project;

/** The committed env, as on the first run: no .user file yet (the toolkit writes it). */
function firstRunEnv(name: string): Env {
  return {
    ...readToolkitEnv(`env/.env.${name}.user`),
    ...readToolkitEnv(`env/.env.${name}`),
    TEAMSFX_ENV: name,
  };
}

interface VsCodeTask {
  label: string;
  args?: { ports?: Array<{ writeToEnvironmentFile?: Record<string, string> }> };
}
const tasks = (): VsCodeTask[] =>
  fs.existsSync(path.join(root, ".vscode/tasks.json"))
    ? (JSON.parse(read(".vscode/tasks.json")) as { tasks: VsCodeTask[] }).tasks
    : [];

describe("atk provision, deploy and publish --env dev, as committed", () => {
  const project = loadProject("m365agents.yml");

  it("when env/.env.dev is provisioned as committed, then the first step stops and names only the settings the school must give", () => {
    const stop = walk(project, ["provision"], firstRunEnv("dev"));
    expect(stop).toMatchObject({
      lifecycle: "provision",
      step: 0,
      action: expect.stringMatching(/^script/),
    });
    const named = [...(stop?.reason ?? "").matchAll(/^\s+([A-Z_]+):/gm)].map((m) => m[1]);
    expect(named.sort()).toEqual([
      "ENTRA_ROLE_GROUPS",
      "ENTRA_STAFF_GROUP_ID",
      "SHAREPOINT_SITE_ID",
    ]);
  });

  it("when the school has filled in the settings the first step names, then provision, deploy and publish resolve every ${{VAR}}", () => {
    const committed = firstRunEnv("dev");
    const stop = walk(project, ["provision"], committed);
    const named = [...(stop?.reason ?? "").matchAll(/^\s+([A-Z_]+):/gm)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(0);
    const school = Object.fromEntries(named.map((n) => [n, sample(n)]));
    expect(
      walk(project, ["provision", "deploy", "publish"], { ...committed, ...school }),
    ).toBeUndefined();
  });

  it("when the settings the school must give are listed, then the README's deploy section names each of them", () => {
    const stop = walk(project, ["provision"], firstRunEnv("dev"));
    const named = [...(stop?.reason ?? "").matchAll(/^\s+([A-Z_]+):/gm)].map((m) => m[1]);
    const readme = read("README.md");
    const section = readme.slice(readme.indexOf("### Deploy to your school's tenant"));
    for (const name of named) expect(section).toContain(`\`${name}\``);
  });

  it("when arm/deploy compiles infra/azure.bicep, then it pins the Bicep CLI rather than needing bicep on PATH", () => {
    const arm = (project.provision ?? []).find((a) => a.uses === "arm/deploy");
    expect(arm?.with?.bicepCliVersion).toMatch(/^v\d+\.\d+\.\d+$/);
  });
});

describe("atk provision and deploy --env local, as committed", () => {
  const project = loadProject("m365agents.local.yml");

  it("when the local tunnel task has run, then provision and deploy resolve every ${{VAR}} from env/.env.local", () => {
    const tunnel = tasks().find((t) => t.label === "Start local tunnel");
    const written = Object.values(tunnel?.args?.ports?.[0]?.writeToEnvironmentFile ?? {});
    expect(written.sort()).toEqual(["BOT_DOMAIN", "BOT_ENDPOINT"]);
    const afterTunnel = Object.fromEntries(written.map((n) => [n, sample(n)]));
    expect(
      walk(project, ["provision", "deploy"], { ...firstRunEnv("local"), ...afterTunnel }),
    ).toBeUndefined();
  });

  it("when the tunnel has not run, then provision stops at the first action that needs BOT_ENDPOINT or BOT_DOMAIN", () => {
    // Proves the walk can fail: the same files, one step earlier.
    const stop = walk(project, ["provision"], firstRunEnv("local"));
    expect(stop?.reason).toMatch(/BOT_DOMAIN|BOT_ENDPOINT/);
  });
});

describe("the toolkit project files against the toolkit's own schema", () => {
  const schemaFor = (version: string) =>
    path.join(root, "test/fixtures/schemas", `m365agents.${version}.yaml.schema.json`);

  it.each(["m365agents.yml", "m365agents.local.yml"])(
    "when %s is validated against the schema of the version it declares, then it is valid",
    (file) => {
      const text = read(file);
      const project = yaml.load(text) as Project;
      expect(text.split("\n")[0]).toBe(
        `# yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/${project.version}/yaml.schema.json`,
      );
      expect(fs.existsSync(schemaFor(project.version))).toBe(true);
      // As teamsfx-core configManager/validator compiles it.
      const ajv = new Ajv({ allowUnionTypes: true });
      ajv.addKeyword("deprecationMessage");
      const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFor(project.version), "utf8")));
      const valid = validate(project);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  it("when the schema is used, then its licence is kept beside it", () => {
    const licence = read("test/fixtures/schemas/LICENSE-m365agentstoolkit.txt");
    expect(licence).toMatch(/MIT License/);
    expect(licence).toMatch(/m365agentstoolkit-cli 1\.1\.17/);
  });

  it.each(["m365agents.yml", "m365agents.local.yml"])(
    'when %s mentions a "…" task, then .vscode/tasks.json defines it',
    (file) => {
      const mentioned = [...read(file).matchAll(/"([A-Z][A-Za-z ]+)" task/g)].map((m) => m[1]);
      const labels = tasks().map((t) => t.label);
      for (const name of mentioned) expect(labels).toContain(name);
    },
  );
});
