import fs from "node:fs";
import path from "node:path";
import mammoth from "mammoth";
import { parsePolicyDocument, describeProblems, type PolicyDocument, type PolicyMeta } from "../domain/policy/policyDocument";

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

function frontMatter(meta: Partial<PolicyMeta> & Record<string, unknown>): string {
  return ["---", ...Object.entries(meta).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => `${k}: ${String(v).replace(/\n/g, " ")}`), "---", ""].join("\n");
}

/** Markdown without front matter gets the previous version's, with the new label and date. */
export function markdownToDocument(text: string, details: VersionDetails, previous: PolicyDocument): PolicyDocument {
  const hasFrontMatter = text.trimStart().startsWith("---");
  const source = hasFrontMatter
    ? text
    : frontMatter({ ...previous.meta, version: details.label, effectiveFrom: details.effectiveFrom, summary: details.summary }) + text;
  const parsed = parsePolicyDocument(source);
  if (!parsed.ok) throw new PolicyImportError(describeProblems("the policy text", parsed.problems));
  return { ...parsed.document, meta: { ...parsed.document.meta, version: details.label, effectiveFrom: details.effectiveFrom, summary: details.summary } };
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

/** Word → the same Markdown the loader reads, so one parser checks both. */
export async function docxToMarkdown(buffer: Buffer): Promise<string> {
  const { value: html } = await mammoth.convertToHtml({ buffer });
  const blocks = html.match(/<(h[1-6]|p|li)[^>]*>[\s\S]*?<\/\1>/gi) ?? [];
  const lines: string[] = [];
  for (const block of blocks) {
    const tag = /^<(h[1-6]|p|li)/i.exec(block)![1]!.toLowerCase();
    const text = htmlToText(block);
    if (!text) continue;
    const boldOnly = tag === "p" && /^<p[^>]*>\s*<strong>[\s\S]*<\/strong>\s*<\/p>$/i.test(block) && text.length < 120;
    if (tag.startsWith("h") || boldOnly) lines.push("", `## ${text}`, "");
    else if (tag === "li") lines.push(`- ${text}`);
    else lines.push("", text, "");
  }
  return lines.join("\n").replace(/\n{3,}/g, "\n\n");
}

export async function readPolicySource(file: string): Promise<string> {
  if (!fs.existsSync(file)) throw new PolicyImportError(`${file}: file not found`);
  if (path.extname(file).toLowerCase() === ".docx") return docxToMarkdown(fs.readFileSync(file));
  return fs.readFileSync(file, "utf8");
}
