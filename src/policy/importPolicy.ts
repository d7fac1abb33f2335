import fs from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { aYearAfter } from "../domain/policy/annualReview";
import {
  parsePolicyDocument,
  type PolicyDocument,
  type PolicyMeta,
} from "../domain/policy/policyDocument";

/*
 * A new version arrives as the structured Markdown the product uses, or as the school's Word
 * master (.docx). Word headings (Heading 1-3, or a paragraph that is nothing but bold text)
 * become sections; the version label, effective date and summary come from the publisher.
 */
export class PolicyImportError extends Error {
  readonly code = "POLICY.IMPORT";
}

export interface VersionDetails {
  readonly label: string;
  readonly effectiveFrom: string;
  readonly summary: string;
}

function isDate(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && DateTime.fromISO(day).isValid;
}

function frontMatter(meta: Partial<PolicyMeta> & Record<string, unknown>): string {
  return [
    "---",
    ...Object.entries(meta)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => `${k}: ${String(v).replace(/\n/g, " ")}`),
    "---",
    "",
  ].join("\n");
}

/**
 * Markdown without front matter (and every Word document) takes the previous version's title,
 * owner and authorship, with the new label and date. Its approval and review dates belong to the
 * previous version, so they are not carried over: the review falls a year after the new date.
 */
export function markdownToDocument(
  text: string,
  details: VersionDetails,
  previous: PolicyDocument,
): PolicyDocument {
  const hasFrontMatter = text.trimStart().startsWith("---");
  const { title, owner, author, termOfPolicy } = previous.meta;
  // A date that is not a date is left for the parser to report, with the line it is on.
  const nextReview = isDate(details.effectiveFrom) ? aYearAfter(details.effectiveFrom) : undefined;
  const prefix = hasFrontMatter
    ? ""
    : frontMatter({
        title,
        owner,
        author,
        termOfPolicy,
        nextReview,
        version: details.label,
        effectiveFrom: details.effectiveFrom,
        summary: details.summary,
      });
  const parsed = parsePolicyDocument(prefix + text);
  if (!parsed.ok) {
    // Line numbers as the author sees their text, not counting the details added in front of it.
    const offset = prefix.split("\n").length - 1;
    const inText = parsed.problems
      .filter((p) => p.line > offset)
      .map((p) => ({ ...p, line: p.line - offset }));
    const inDetails = parsed.problems
      .filter((p) => p.line <= offset)
      .map((p) => `the version details: ${p.message.replace(/^front matter /, "")}`);
    throw new PolicyImportError(
      [...inDetails, ...inText.map((p) => `line ${p.line}: ${p.message}`)].join("\n"),
    );
  }
  return {
    ...parsed.document,
    meta: {
      ...parsed.document.meta,
      version: details.label,
      effectiveFrom: details.effectiveFrom,
      summary: details.summary,
    },
  };
}

function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/** What the Word cover page or the Markdown front matter says about the version, if anything. */
export interface SourceHeader {
  readonly label?: string;
  readonly effectiveFrom?: string;
  readonly summary?: string;
}

export interface PolicySource {
  /** Sections as the structured Markdown the loader reads. */
  readonly text: string;
  readonly header: SourceHeader;
  /** Cover-page paragraphs left out of the policy text (title, logo caption, approval table...). */
  readonly ignored: readonly string[];
}

const HEADER_KEYS: Record<string, keyof SourceHeader> = {
  version: "label",
  versionlabel: "label",
  effectivefrom: "effectiveFrom",
  effectivedate: "effectiveFrom",
  takeseffect: "effectiveFrom",
  takeseffecton: "effectiveFrom",
  summary: "summary",
  summaryofchanges: "summary",
};

/** Dates as a school writes them on a cover page: 2025-10-15, 15/10/2025, 15 October 2025. */
function isoDateFrom(text: string): string | undefined {
  for (const format of [
    "yyyy-MM-dd",
    "d/M/yyyy",
    "d.M.yyyy",
    "d LLLL yyyy",
    "d LLL yyyy",
    "LLLL d, yyyy",
  ]) {
    const dt = DateTime.fromFormat(text.replace(/(\d)(st|nd|rd|th)\b/, "$1"), format, {
      locale: "en-GB",
    });
    if (dt.isValid) return dt.toISODate()!;
  }
  return undefined;
}

function headerLine(text: string): [keyof SourceHeader, string] | undefined {
  const m = /^([A-Za-z][A-Za-z ]{1,30}?)\s*:\s*(.+)$/.exec(text);
  const key = m && HEADER_KEYS[m[1]!.toLowerCase().replace(/[^a-z]/g, "")];
  if (!key) return undefined;
  const value = m[2]!.trim();
  return [key, key === "effectiveFrom" ? (isoDateFrom(value) ?? value) : value];
}

/** Two-cell table rows (the "Version | 2024.07" table on a cover page) read as "key: value". */
function rowsAsLines(html: string): string {
  return html.replace(/<tr[^>]*>([\s\S]*?)<\/tr>/gi, (row, inner: string) => {
    const cells = inner.match(/<t[dh][^>]*>[\s\S]*?<\/t[dh]>/gi) ?? [];
    return cells.length === 2 ? `<p>${htmlToText(cells[0]!)}: ${htmlToText(cells[1]!)}</p>` : row;
  });
}

/**
 * Word → the same Markdown the loader reads, so one parser checks both. Styled headings
 * (Heading 1-6) start sections; a paragraph that is nothing but short bold text does too when the
 * document has no styled headings. What comes before the first heading is the cover page: its
 * "Version: …", "Effective from: …" and "Summary: …" lines (or two-cell table rows) describe the
 * version; the rest of it (the title, the school's name) is not policy text and is left out.
 */
export async function readDocx(buffer: Buffer): Promise<PolicySource> {
  // Loaded on first use: only a policy upload needs it, and start-up should not pay for it.
  const { default: mammoth } = await import("mammoth");
  const { value: html } = await mammoth.convertToHtml({ buffer });
  const blocks = rowsAsLines(html).match(/<(h[1-6]|p|li)[^>]*>[\s\S]*?<\/\1>/gi) ?? [];
  const items = blocks
    .map((block) => {
      const tag = /^<(h[1-6]|p|li)/i.exec(block)![1]!.toLowerCase();
      const text = htmlToText(block);
      const boldOnly =
        tag === "p" &&
        /^<p[^>]*>\s*<strong>[\s\S]*<\/strong>\s*<\/p>$/i.test(block) &&
        text.length < 120;
      return { tag, text, boldOnly };
    })
    .filter((item) => item.text);
  const styled = items.some((item) => item.tag.startsWith("h"));
  const isHeading = (item: (typeof items)[number]) =>
    item.tag.startsWith("h") || (!styled && item.boldOnly);
  const first = items.findIndex(isHeading);
  const cover = first < 0 ? [] : items.slice(0, first);
  const header: Record<string, string> = {};
  const ignored: string[] = [];
  for (const item of cover) {
    const line = headerLine(item.text);
    if (line && header[line[0]] === undefined) header[line[0]] = line[1];
    else ignored.push(item.text);
  }
  const lines: string[] = [];
  for (const item of first < 0 ? items : items.slice(first)) {
    if (isHeading(item)) lines.push("", `## ${item.text}`, "");
    else if (item.tag === "li") lines.push(`- ${item.text}`);
    else lines.push("", item.text, "");
  }
  return { text: lines.join("\n").replace(/\n{3,}/g, "\n\n"), header, ignored };
}

/** The sections of a Word document as Markdown (its cover page left out). */
export async function docxToMarkdown(buffer: Buffer): Promise<string> {
  return (await readDocx(buffer)).text;
}

/** The version details a Markdown file's front matter gives, if it has one. */
function frontMatterHeader(text: string): SourceHeader {
  const m = /^\s*---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!m) return {};
  const header: Record<string, string> = {};
  for (const line of m[1]!.split(/\r?\n/)) {
    const kv = /^(version|effectiveFrom|summary):\s*(.+)$/.exec(line.trim());
    if (kv) header[kv[1] === "version" ? "label" : kv[1]!] = kv[2]!.trim();
  }
  return header;
}

export async function readPolicySource(file: string): Promise<PolicySource> {
  if (!fs.existsSync(file)) throw new PolicyImportError(`${file}: file not found`);
  const extension = path.extname(file).toLowerCase();
  if (extension === ".docx") {
    try {
      return await readDocx(fs.readFileSync(file));
    } catch (error) {
      throw new PolicyImportError(
        `${file}: not a Word document that can be read (${(error as Error).message})`,
      );
    }
  }
  if (extension === ".doc")
    throw new PolicyImportError(`${file}: save it as a Word document (.docx) first`);
  const text = fs.readFileSync(file, "utf8");
  return { text, header: frontMatterHeader(text), ignored: [] };
}
