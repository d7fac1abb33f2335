import fs from "node:fs";
import path from "node:path";
import type * as ACData from "adaptivecards-templating";
import type { CardMessage } from "../../ports";

/*
 * Cards are JSON templates (schema 1.5) bound to data with adaptivecards-templating.
 * Data is bound raw. Only where a value is shown as Markdown (a TextBlock's text, a fact's title
 * or value) is it escaped for what Teams' Markdown acts on, so a teacher's text can never become
 * a link or bold, while what is written into an input (an edit form's text, a photo link, a
 * choice title) comes back as typed. The card is expanded twice, with raw and with escaped data;
 * the Markdown-rendered strings come from the second (once when there is nothing to escape). Escaping keeps empty strings empty and
 * leaves ids, verbs and URLs alone, so both expansions have the same shape ($when, $data).
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
/*
 * The templating library (with adaptive-expressions and antlr4ts, about 390 modules) is loaded
 * on the first card, or by `warmCardRenderer()` once the server listens, not at start-up.
 */
let templating: typeof ACData | undefined;
function templatingLibrary(): typeof ACData {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  templating ??= require("adaptivecards-templating") as typeof ACData;
  return templating;
}

/** Loads the templating library now (see above). */
export function warmCardRenderer(): void {
  templatingLibrary();
}

/** Parsed templates, read once per process: files under lib/ never change while it runs. */
const cache = new Map<string, ACData.Template>();

export class CardTooLargeError extends Error {
  readonly code = "CARD.TOO_LARGE";
}

/** Sent instead of a card that is over the limit, or that Teams refused as too large (413). */
export const TOO_LARGE_TEXT =
  "This message was too long for Teams to show, so this note was sent instead. Nothing is lost: the full record is kept by the app.";

/** The note with a link to where the record can be read (the card's own link, or the app). */
export function tooLargeNote(link: string): string {
  return `${TOO_LARGE_TEXT} [Open it in the app](${link})`;
}

/** The first web link a card's data carries (the policy's full text, the dashboard ...). */
export function linkInCard(data: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(data)) {
    if (key.endsWith("Url") && typeof value === "string" && /^https?:\/\/[^\s()]+$/.test(value))
      return value;
  }
  return undefined;
}

/** What Teams' error codes and messages say when a message is over its size limit. */
const TOO_LARGE_WORDS =
  /MessageSizeTooBig|RequestEntityTooLarge|message (?:size )?(?:is )?too (?:large|big)|payload too large|exceeds? the (?:maximum )?(?:message )?size/i;

/**
 * Teams' answer to a message over its size limit: 413 (MessageSizeTooBig), or a 400 whose error
 * code or message says the same (some hosts and the connector's own checks answer that way).
 */
export function isTooLargeForTeams(error: unknown): boolean {
  if (error instanceof CardTooLargeError) return true;
  const e = error as {
    statusCode?: unknown;
    code?: unknown;
    message?: unknown;
    body?: { error?: { code?: unknown; message?: unknown } } | string;
    response?: { bodyAsText?: unknown };
  } | null;
  if (!e) return false;
  if (e.statusCode === 413) return true;
  if (e.statusCode !== 400) return false;
  const body = typeof e.body === "string" ? e.body : undefined;
  return [
    e.code,
    e.message,
    body,
    typeof e.body === "object" ? e.body?.error?.code : undefined,
    typeof e.body === "object" ? e.body?.error?.message : undefined,
    e.response?.bodyAsText,
  ].some((text) => typeof text === "string" && TOO_LARGE_WORDS.test(text));
}

/** Which properties of which elements Teams renders as Markdown. */
const MARKDOWN_PROPERTIES: Record<string, readonly string[]> = {
  TextBlock: ["text"],
  Fact: ["title", "value"],
};

/** The data with Markdown escaped; the very same value (and object) when nothing needed it. */
function escapeData(value: unknown, key = ""): unknown {
  if (typeof value === "string") {
    return key.endsWith("Url") || key.endsWith("Id") || key === "verb"
      ? value
      : escapeCardText(value);
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => escapeData(v, key));
    return items.every((item, i) => item === value[i]) ? value : items;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    const escaped = entries.map(([k, v]) => [k, escapeData(v, k)] as const);
    return escaped.every(([, v], i) => v === entries[i]![1]) ? value : Object.fromEntries(escaped);
  }
  return value;
}

/** The raw card, with its Markdown-rendered strings taken from the escaped one. */
function withDisplayedFrom(raw: unknown, shown: unknown, elementType = ""): unknown {
  if (Array.isArray(raw)) {
    if (!Array.isArray(shown) || shown.length !== raw.length)
      throw new Error("Card expansions differ in shape");
    return raw.map((item, i) => withDisplayedFrom(item, shown[i], elementType));
  }
  if (!raw || typeof raw !== "object") return raw;
  if (!shown || typeof shown !== "object") throw new Error("Card expansions differ in shape");
  const object = raw as Record<string, unknown>;
  const other = shown as Record<string, unknown>;
  // Facts have no "type"; they are the items of a FactSet's "facts".
  const type = typeof object.type === "string" ? object.type : elementType;
  const displayed = MARKDOWN_PROPERTIES[type] ?? [];
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => [
      key,
      displayed.includes(key) && typeof value === "string"
        ? other[key]
        : withDisplayedFrom(value, other[key], key === "facts" ? "Fact" : ""),
    ]),
  );
}

function loadTemplate(name: string): ACData.Template {
  if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(name)) throw new Error(`Bad card template name "${name}"`);
  let template = cache.get(name);
  if (!template) {
    template = new (templatingLibrary().Template)(
      JSON.parse(fs.readFileSync(templatePath(name), "utf8")),
    );
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

/** Anything `escapeCardText` would change: a backslash, "*", "[" or "]", or a list marker. */
const MARKDOWN_ACTS = /[\\*[\]]|^[ \t]*(?:[-+]|\d+\.)[ \t]/m;

/**
 * Escapes what Teams' Markdown acts on (bold and italic with "*", links with "[...](...)", lists
 * at the start of a line) and nothing else: Teams' native renderers show a backslash before "_",
 * "~" or "." as typed, so "Year_6" and "3.5" are left alone. A list marker is kept from acting by
 * a no-break space after it, which looks the same and needs no backslash.
 */
export function escapeCardText(text: string): string {
  // Most text has nothing to escape: one look says so, rather than three replacements.
  if (!MARKDOWN_ACTS.test(text)) return text;
  return text
    .replace(/\\(?=[\\*[\]])/g, "\\\\")
    .replace(/[*[\]]/g, (c) => `\\${c}`)
    .replace(/^([ \t]*)([-+]|\d+\.)[ \t]/gm, "$1$2\u00A0");
}

export function renderCard(card: CardMessage): Record<string, unknown> {
  const template = loadTemplate(card.template);
  const escaped = escapeData(card.data);
  // Nothing to escape (most cards): both expansions would be the same, so expand once.
  const raw = template.expand({ $root: card.data }) as unknown;
  const expanded = (
    escaped === card.data ? raw : withDisplayedFrom(raw, template.expand({ $root: escaped }))
  ) as Record<string, unknown>;
  const size = Buffer.byteLength(JSON.stringify(expanded), "utf8");
  if (size > MAX_CARD_BYTES) {
    throw new CardTooLargeError(
      `Card "${card.template}" is ${size} bytes, over the ${MAX_CARD_BYTES} byte limit`,
    );
  }
  return expanded;
}
