import fs from "node:fs";
import path from "node:path";
import * as ACData from "adaptivecards-templating";
import type { CardMessage } from "../../ports";

/*
 * Cards are JSON templates (schema 1.5) bound to data with adaptivecards-templating.
 * Every string in the data is escaped for the card's Markdown before binding, so a teacher's
 * text can never become a link, a heading or a fake button label; fields whose name ends in
 * "Url" are left alone because they are addresses the product built itself.
 */

/** Teams refuses bot messages over 40 KB; we keep a margin for the activity envelope. */
export const MAX_CARD_BYTES = 38 * 1024;

const TEMPLATE_DIR = path.join(__dirname, "templates");
/** Capability modules keep their templates in their own folder: src/features/<name>/cards/. */
const FEATURES_DIR = path.join(__dirname, "..", "..", "features");

function templateDirs(): string[] {
  const features = fs.existsSync(FEATURES_DIR)
    ? fs
        .readdirSync(FEATURES_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory() && fs.existsSync(path.join(FEATURES_DIR, d.name, "cards")))
        .map((d) => path.join(FEATURES_DIR, d.name, "cards"))
    : [];
  return [TEMPLATE_DIR, ...features];
}

/** Where a template's JSON is (the first folder that has it). */
export function templatePath(name: string): string {
  for (const dir of templateDirs()) {
    const file = path.join(dir, `${name}.json`);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`No card template "${name}"`);
}
/** Parsed templates, read once per process: files under lib/ never change while it runs. */
const cache = new Map<string, ACData.Template>();

export class CardTooLargeError extends Error {
  readonly code = "CARD.TOO_LARGE";
}

function loadTemplate(name: string): ACData.Template {
  if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(name)) throw new Error(`Bad card template name "${name}"`);
  let template = cache.get(name);
  if (!template) {
    template = new ACData.Template(JSON.parse(fs.readFileSync(templatePath(name), "utf8")));
    cache.set(name, template);
  }
  return template;
}

export function templateNames(): string[] {
  return templateDirs().flatMap((dir) =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.slice(0, -".json".length)),
  );
}

/**
 * Escapes what the card Markdown would act on: emphasis, links ([text](url), <url>), code, and
 * list markers at the start of a line. Other punctuation is left alone so text reads as typed.
 */
export function escapeCardText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+])(\s)/gm, "$1\\$2$3")
    .replace(/^(\s*\d+)\.(\s)/gm, "$1\\.$2");
}

function escapeData(value: unknown, key = ""): unknown {
  if (typeof value === "string") return key.endsWith("Url") || key.endsWith("Id") || key === "verb" ? value : escapeCardText(value);
  if (Array.isArray(value)) return value.map((v) => escapeData(v, key));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k.startsWith("raw") ? v : escapeData(v, k)]));
  }
  return value;
}

export function renderCard(card: CardMessage): Record<string, unknown> {
  const template = loadTemplate(card.template);
  const expanded = template.expand({ $root: escapeData(card.data) }) as Record<string, unknown>;
  const size = Buffer.byteLength(JSON.stringify(expanded), "utf8");
  if (size > MAX_CARD_BYTES) {
    throw new CardTooLargeError(`Card "${card.template}" is ${size} bytes, over the ${MAX_CARD_BYTES} byte limit`);
  }
  return expanded;
}
