import { z } from "zod";
import {
  MAX_PAGE_SIZE,
  MAX_PANEL_PAGE_SIZE,
  ROW_SORTS,
  STAFF_STATUSES,
  type RowSort,
  type StaffStatus,
} from "./tabApiContract";

/*
 * The tab API's query parameters, validated before anything is read: a bad one is a 400 naming
 * the parameter, never a guess. Unknown or repeated parameters are refused too, so a typo is not
 * silently an unfiltered export of every name.
 */

export interface RowFilter {
  readonly status?: StaffStatus;
  readonly department?: string;
  readonly search?: string;
  readonly sort: RowSort;
  readonly order: "asc" | "desc";
}

export interface RowsRequest extends RowFilter {
  readonly page: number;
  readonly pageSize: number;
}

/** A query parameter given once; the parser turns a repeated one into an array. */
const single = (message: string) =>
  z.string({
    error: (issue) =>
      issue.input === undefined
        ? "is missing"
        : Array.isArray(issue.input)
          ? "must be given once"
          : message,
  });

const text = (max: number) =>
  single("must be text")
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((v) => (v === "" ? undefined : v))
    .optional();

const filterShape = {
  status: single(`must be one of ${STAFF_STATUSES.join(", ")}`)
    .transform((v, ctx) => {
      if (v === "") return undefined;
      if (!(STAFF_STATUSES as readonly string[]).includes(v)) {
        ctx.addIssue({ code: "custom", message: `must be one of ${STAFF_STATUSES.join(", ")}` });
        return z.NEVER;
      }
      return v as StaffStatus;
    })
    .optional(),
  department: text(100),
  q: text(100),
  sort: z.enum(ROW_SORTS, { message: `must be one of ${ROW_SORTS.join(", ")}` }).default("name"),
  order: z.enum(["asc", "desc"], { message: "must be asc or desc" }).default("asc"),
};

const integer = (min: number, max: number, fallback: number) =>
  single(`must be a whole number from ${min} to ${max}`)
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const filterSchema = z.strictObject(filterShape);
const rowsSchema = z.strictObject({
  ...filterShape,
  page: integer(1, 100_000, 1),
  pageSize: integer(1, MAX_PAGE_SIZE, 50),
});

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

/** One readable sentence naming every bad parameter. */
function problem(error: z.ZodError): string {
  const parts = error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      return `unknown parameter ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    }
    return `${String(issue.path[0] ?? "query")} ${issue.message}`;
  });
  return `Bad query: ${parts.join("; ")}.`;
}

function asObject(query: unknown): Record<string, unknown> {
  return typeof query === "object" && query !== null
    ? { ...(query as Record<string, unknown>) }
    : {};
}

function toFilter(v: z.infer<typeof filterSchema>): RowFilter {
  return { status: v.status, department: v.department, search: v.q, sort: v.sort, order: v.order };
}

export function parseRowFilter(query: unknown): Parsed<RowFilter> {
  const parsed = filterSchema.safeParse(asObject(query));
  return parsed.success
    ? { ok: true, value: toFilter(parsed.data) }
    : { ok: false, message: problem(parsed.error) };
}

export function parseRowsRequest(query: unknown): Parsed<RowsRequest> {
  const parsed = rowsSchema.safeParse(asObject(query));
  if (!parsed.success) return { ok: false, message: problem(parsed.error) };
  return {
    ok: true,
    value: { ...toFilter(parsed.data), page: parsed.data.page, pageSize: parsed.data.pageSize },
  };
}

const versionSchema = z
  .string()
  .trim()
  .min(1, "is missing")
  .max(40, "is too long")
  // The labels publishVersion accepts (e.g. 2025.09).
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    "may hold only letters, digits, dots, dashes and underscores",
  );

export function parseVersionParam(value: unknown): Parsed<string> {
  const parsed = versionSchema.safeParse(value);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, message: `Bad version: it ${parsed.error.issues[0]?.message}.` };
}

const campaignSchema = z.strictObject({
  campaign: single("must be text")
    .trim()
    .min(1, "is missing")
    .max(200, "is too long")
    .startsWith("remind:", "is not a reminder campaign"),
});

export function parseCampaignQuery(query: unknown): Parsed<string> {
  const parsed = campaignSchema.safeParse(asObject(query));
  return parsed.success
    ? { ok: true, value: parsed.data.campaign }
    : { ok: false, message: problem(parsed.error) };
}

/** The body of "remind outstanding": nothing to say beyond the version in the path. */
export const remindBodySchema = z.strictObject({});

export interface PanelPageRequest {
  readonly cursor?: string;
  readonly limit: number;
}

const panelPageSchema = z.strictObject({
  // Opaque to us (SQLite keyset, SharePoint nextLink): the store refuses one it did not issue.
  cursor: single("must be text")
    .max(4000, "is too long")
    .transform((v) => (v === "" ? undefined : v))
    .optional(),
  limit: integer(1, MAX_PANEL_PAGE_SIZE, 20),
});

/** A capability panel's page: `cursor` from the previous page, `limit` rows at most. */
export function parsePanelPage(query: unknown): Parsed<PanelPageRequest> {
  const parsed = panelPageSchema.safeParse(asObject(query));
  if (!parsed.success) return { ok: false, message: problem(parsed.error) };
  const { cursor, limit } = parsed.data;
  return { ok: true, value: cursor === undefined ? { limit } : { cursor, limit } };
}
