import { z } from "zod";
import { isRole, type Role } from "../people/person";

export interface Section {
  /** Stable across versions, so changes and citations can be tracked. */
  readonly id: string;
  /** Exactly the policy's own heading. */
  readonly heading: string;
  /** Paragraphs and list items, as written. */
  readonly paragraphs: readonly string[];
}

export interface PolicyMeta {
  readonly title: string;
  readonly version: string;
  readonly effectiveFrom: string; // ISO date
  readonly approvedBy?: string;
  readonly approvedOn?: string;
  readonly ratifiedBy?: string;
  readonly ratifiedOn?: string;
  readonly termOfPolicy?: string;
  readonly nextReview: string; // ISO date
  readonly nextReviewLabel?: string;
  readonly owner: Role;
  readonly author?: string;
  readonly summary?: string;
}

export interface PolicyDocument {
  readonly meta: PolicyMeta;
  readonly sections: readonly Section[];
}

export interface ParseProblem {
  readonly line: number;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly document: PolicyDocument }
  | { readonly ok: false; readonly problems: readonly ParseProblem[] };

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");

const metaSchema = z.object({
  title: z.string().min(1),
  version: z.string().min(1).max(40),
  effectiveFrom: isoDate,
  approvedBy: z.string().optional(),
  approvedOn: isoDate.optional(),
  ratifiedBy: z.string().optional(),
  ratifiedOn: isoDate.optional(),
  termOfPolicy: z.string().optional(),
  nextReview: isoDate,
  nextReviewLabel: z.string().optional(),
  owner: z.string().refine(isRole, "must be one of the roster roles"),
  author: z.string().optional(),
  summary: z.string().optional(),
  sources: z.string().optional(),
  onlineLocation: z.string().optional(),
});

const HEADING = /^##\s+(.+?)\s*(?:\{#([a-z0-9][a-z0-9-]*)\})?\s*$/;

export function slugOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * Reads the policy's structured Markdown: a `---` front matter of `key: value` lines, then
 * `## Heading {#id}` sections. Every problem is reported with its line, so whoever edits the
 * file can mend it in one pass.
 */
export function parsePolicyDocument(text: string): ParseResult {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const problems: ParseProblem[] = [];
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === "") i++;
  if (lines[i]?.trim() !== "---") {
    return {
      ok: false,
      problems: [{ line: i + 1, message: "expected front matter starting with ---" }],
    };
  }
  const raw: Record<string, string> = {};
  const keyLine: Record<string, number> = {};
  i++;
  for (; i < lines.length && lines[i]!.trim() !== "---"; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const m = /^([A-Za-z][A-Za-z0-9]*):\s*(.*)$/.exec(line);
    if (!m) {
      problems.push({
        line: i + 1,
        message: `front matter line is not "key: value": ${line.slice(0, 60)}`,
      });
      continue;
    }
    raw[m[1]!] = m[2]!.trim();
    keyLine[m[1]!] = i + 1;
  }
  if (i >= lines.length) {
    return {
      ok: false,
      problems: [...problems, { line: i, message: "front matter is not closed with ---" }],
    };
  }
  const metaEnd = i + 1;
  const parsedMeta = metaSchema.safeParse(raw);
  if (!parsedMeta.success) {
    for (const issue of parsedMeta.error.issues) {
      const key = String(issue.path[0] ?? "");
      problems.push({
        line: keyLine[key] ?? 1,
        message: `front matter "${key}": ${raw[key] === undefined ? "is missing" : issue.message}`,
      });
    }
  }

  const sections: { id: string; heading: string; paragraphs: string[]; line: number }[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0 && sections.length > 0) {
      sections[sections.length - 1]!.paragraphs.push(paragraph.join(" ").trim());
    }
    paragraph = [];
  };
  for (i = metaEnd; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("#")) {
      flush();
      const m = HEADING.exec(line);
      if (!m) {
        problems.push({ line: i + 1, message: "headings must be level two: ## Heading {#id}" });
        continue;
      }
      const heading = m[1]!;
      let id = m[2] ?? slugOf(heading);
      if (sections.some((s) => s.id === id)) {
        if (m[2]) {
          problems.push({
            line: i + 1,
            message: `section id "${id}" is used twice; give one an explicit {#id}`,
          });
        } else {
          // Two sections may share a heading (the policy has two "Introduction"s): number the later one.
          const base = id;
          for (let n = 2; sections.some((s) => s.id === id); n++) id = `${base}-${n}`;
        }
      }
      sections.push({ id, heading, paragraphs: [], line: i + 1 });
      continue;
    }
    if (line.trim() === "") {
      flush();
      continue;
    }
    if (sections.length === 0) {
      problems.push({ line: i + 1, message: "text before the first ## heading" });
      continue;
    }
    // List items stay paragraphs of their own, so a quote can be a single rule.
    if (/^\s*(-|\d+\.|[a-z]\)|[ivx]+\.)\s/.test(line)) flush();
    paragraph.push(line.trim());
  }
  flush();
  if (sections.length === 0)
    problems.push({ line: lines.length, message: "the policy has no sections" });
  for (const s of sections) {
    if (s.paragraphs.length === 0)
      problems.push({ line: s.line, message: `section "${s.heading}" is empty` });
  }
  if (problems.length > 0 || !parsedMeta.success) return { ok: false, problems };
  const { sources: _s, onlineLocation: _o, ...meta } = parsedMeta.data;
  return {
    ok: true,
    document: {
      meta: { ...meta, owner: meta.owner as Role },
      sections: sections.map(({ id, heading, paragraphs }) => ({ id, heading, paragraphs })),
    },
  };
}

export function describeProblems(source: string, problems: readonly ParseProblem[]): string {
  return problems.map((p) => `${source}:${p.line}: ${p.message}`).join("\n");
}
