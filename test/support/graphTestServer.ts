import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/*
 * An in-repo Microsoft Graph v1.0 for tests: the subset the service uses, shaped as the published
 * API answers it, so the adapters that pass here work unchanged against a real tenant.
 *
 *   SharePoint  /sites/{site-id}[/lists[/{list-id|title}[/columns[/{id}]|/items[/{id}[/fields]]]]]
 *   Batching    /$batch (at most 20 requests, one answer per request, order not kept)
 *   Entra       /groups/{id}/transitiveMembers/microsoft.graph.user (ConsistencyLevel + $count)
 *   Teams       /users/{id}/teamwork/installedApps
 *
 * SharePoint's rules are enforced: filters and ordering only on indexed columns (unless the
 * caller sends Prefer: HonorNonIndexedQueriesWarningMayFailRandomly); on a list past the list
 * view threshold (5,000) a filter's first condition must be on an indexed column and narrow to
 * at most the threshold, or the query is refused (500 SPQueryThrottledException); a unique
 * column violation answers 400 invalidRequest, as Graph does (or 500 SPException, as integrators
 * also report: `uniqueViolation`), never 409; text compares without regard to case, a stale
 * If-Match answers 412, every write gets a new "{guid},{n}" eTag, Yes/No columns filter as 1/0,
 * pages follow @odata.nextLink.
 *
 * Resource units (`ruPerMinute`): every SharePoint request (and every $batch part) costs the
 * documented units (1 a single item read, 2 a multi-item query or a write), per app (token) per
 * minute; past 80% of the budget answers carry RateLimit-Limit/-Remaining/-Reset, over it a 429
 * with Retry-After until the minute turns. Refused requests still spend their units, as
 * SharePoint counts them. `latencyMs` delays every answer, as a tenant across the internet does.
 *
 * Faults, by rule (`inject`) or at random (`chaos`): 429/503 with Retry-After, slow answers,
 * connections dropped before or after the request was applied, 429 inside a 200 batch.
 */

export const GRAPH_TEST_TOKEN = "graph-test-token";

/** The settings that put the app's store on this server's SharePoint site (one secret for every instance). */
export function sharePointEnv(server: { baseUrl: string }, siteId: string): Record<string, string> {
  return {
    STORE: "sharepoint",
    EXPORT_LINK_SECRET: "test-export-link-secret-0123456789abcdef",
    SHAREPOINT_SITE_ID: siteId,
    GRAPH_BASE_URL: server.baseUrl,
    GRAPH_ACCESS_TOKEN: GRAPH_TEST_TOKEN,
  };
}
const NON_INDEXED_PREFER = "HonorNonIndexedQueriesWarningMayFailRandomly";
const TEXT_MAX = 255;
const NOTE_MAX = 63_999;

export type Fault =
  | { readonly kind: "throttle"; readonly retryAfterSeconds?: number }
  | { readonly kind: "unavailable"; readonly retryAfterSeconds?: number }
  | { readonly kind: "slow"; readonly delayMs: number }
  | { readonly kind: "drop"; readonly when: "before" | "after" }
  | { readonly kind: "batchThrottle"; readonly retryAfterSeconds?: number };

export interface FaultMatch {
  readonly method?: string;
  readonly path?: RegExp;
}

export interface ChaosSettings {
  /** Probability (0..1) that a request (or a batch part, for batchThrottle) meets a fault. */
  readonly rate: number;
  readonly faults: readonly Fault[];
  readonly seed?: number;
}

export interface GraphTestServerOptions {
  readonly token?: string;
  /** Largest page of list items, whatever $top asks for. */
  readonly maxPageSize?: number;
  /** Page size of list items when no $top is given. */
  readonly defaultPageSize?: number;
  /** Largest page of directory results (transitive members), whatever $top asks for (Graph: 999). */
  readonly directoryPageSize?: number;
  readonly sites?: readonly string[];
  /** How a unique-column violation is answered (default: Graph's 400 invalidRequest). */
  readonly uniqueViolation?: "invalidRequest" | "spException";
  /** SharePoint's list view threshold (default 5,000). */
  readonly listViewThreshold?: number;
  /** Resource units per app per minute (SharePoint's per-app budget); unlimited when absent. */
  readonly ruPerMinute?: number;
  /** Delay before every top-level answer (ms). */
  readonly latencyMs?: number;
  /** The clock the RU minute follows (tests move it). */
  readonly now?: () => number;
}

/** SharePoint's resource-unit costs (Microsoft's "avoid getting throttled" table). */
export const RU_COSTS = { singleRead: 1, multiRead: 2, write: 2 } as const;

export interface RuMinute {
  /** Start of the minute (ms since epoch). */
  readonly start: number;
  spent: number;
  requests: number;
  throttled: number;
}

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly fault?: Fault["kind"];
  readonly batched: boolean;
  /** Resource units the request spent (SharePoint only). */
  readonly ru?: number;
}

type ColumnType = "text" | "note" | "number" | "boolean";

interface TestColumn {
  readonly id: string;
  readonly name: string;
  displayName: string;
  readonly type: ColumnType;
  indexed: boolean;
  enforceUniqueValues: boolean;
  readonly required: boolean;
  readonly maxLength: number;
  readonly readOnly: boolean;
  readonly definition: Record<string, unknown>;
}

interface TestItem {
  readonly id: number;
  readonly guid: string;
  version: number;
  readonly fields: Record<string, unknown>;
  readonly created: string;
  modified: string;
}

interface TestList {
  readonly id: string;
  readonly displayName: string;
  readonly created: string;
  readonly columns: TestColumn[];
  readonly items: Map<number, TestItem>;
  nextItemId: number;
}

export interface DirectoryUser {
  readonly id: string;
  readonly displayName: string;
  readonly mail?: string | null;
  readonly userPrincipalName?: string;
  readonly department?: string | null;
  readonly accountEnabled?: boolean;
}

interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function fail(status: number, code: string, message: string): never {
  throw new GraphHttpError(status, code, message);
}

/** A small deterministic PRNG, so a chaos run can be replayed from its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------- OData $filter: the subset SharePoint list items, lists and Teams apps accept ----------

type Literal = string | number | boolean | null;
interface LogicalNode {
  readonly op: "and" | "or";
  readonly left: FilterNode;
  readonly right: FilterNode;
}
interface ComparisonNode {
  readonly op: "eq" | "ne" | "lt" | "le" | "gt" | "ge";
  readonly path: string;
  readonly value: Literal;
}
type FilterNode = LogicalNode | ComparisonNode;

function isLogical(node: FilterNode): node is LogicalNode {
  return node.op === "and" || node.op === "or";
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(?:('(?:[^']|'')*')|(\(|\))|([A-Za-z_][\w./]*)|(-?\d+(?:\.\d+)?))/y;
  let index = 0;
  while (index < text.length) {
    if (/^\s*$/.test(text.slice(index))) break;
    re.lastIndex = index;
    const m = re.exec(text);
    if (!m) fail(400, "invalidRequest", "Invalid filter clause");
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4]!);
    index = re.lastIndex;
  }
  return tokens;
}

function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => {
    const t = tokens[pos++];
    if (t === undefined) fail(400, "invalidRequest", "Invalid filter clause: unexpected end");
    return t;
  };
  const literal = (t: string): Literal => {
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (t === "null") return null;
    if (t === "true") return true;
    if (t === "false") return false;
    if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
    return fail(400, "invalidRequest", `Invalid filter clause: ${t} is not a value`);
  };
  const primary = (): FilterNode => {
    if (peek() === "(") {
      next();
      const inner = or();
      if (next() !== ")") fail(400, "invalidRequest", "Invalid filter clause: ) expected");
      return inner;
    }
    const path = next();
    const op = next();
    if (!["eq", "ne", "lt", "le", "gt", "ge"].includes(op))
      fail(400, "invalidRequest", `Invalid filter clause: unsupported operator ${op}`);
    return { op: op as "eq", path, value: literal(next()) };
  };
  const and = (): FilterNode => {
    let left = primary();
    while (peek() === "and") {
      next();
      left = { op: "and", left, right: primary() };
    }
    return left;
  };
  const or = (): FilterNode => {
    let left = and();
    while (peek() === "or") {
      next();
      left = { op: "or", left, right: and() };
    }
    return left;
  };
  const tree = or();
  if (pos !== tokens.length) fail(400, "invalidRequest", "Invalid filter clause: trailing input");
  return tree;
}

function pathsOf(node: FilterNode): string[] {
  return isLogical(node) ? [...pathsOf(node.left), ...pathsOf(node.right)] : [node.path];
}

/** SharePoint's comparison: text without regard to case, nulls before everything. */
function compareValues(a: unknown, b: unknown): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "string" && typeof b === "string") {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function evaluate(
  node: FilterNode,
  valueOf: (path: string) => { value: unknown; type?: ColumnType },
): boolean {
  if (isLogical(node)) {
    return node.op === "and"
      ? evaluate(node.left, valueOf) && evaluate(node.right, valueOf)
      : evaluate(node.left, valueOf) || evaluate(node.right, valueOf);
  }
  const { value, type } = valueOf(node.path);
  let wanted: unknown = node.value;
  // Yes/No columns compare with 1 and 0 (true/false accepted too).
  if (type === "boolean" && wanted !== null) wanted = wanted === 1 || wanted === true;
  const actual = value === undefined ? null : value;
  if (node.op === "eq" || node.op === "ne") {
    const equal =
      wanted === null || actual === null ? wanted === actual : compareValues(actual, wanted) === 0;
    return node.op === "eq" ? equal : !equal;
  }
  if (wanted === null || actual === null) return false;
  const c = compareValues(actual, wanted);
  return node.op === "lt" ? c < 0 : node.op === "le" ? c <= 0 : node.op === "gt" ? c > 0 : c >= 0;
}

// ---------- the server ----------

export class GraphTestServer {
  readonly token: string;
  readonly requests: LoggedRequest[] = [];
  readonly faultCounts: Partial<Record<Fault["kind"], number>> = {};
  /** Called after an app is installed for a user (as Teams would then greet the bot). */
  onAppInstalled?: (userId: string, teamsAppId: string) => void | Promise<void>;
  maxPageSize: number;
  defaultPageSize: number;
  directoryPageSize: number;
  uniqueViolation: "invalidRequest" | "spException";
  listViewThreshold: number;
  ruPerMinute?: number;
  latencyMs: number;
  /** Resource units spent, per app (token) per minute, oldest first. */
  readonly ruMinutes: RuMinute[] = [];
  private readonly now: () => number;
  /** As Graph answers an app with GroupMember.Read.All but no permission to read users. */
  limitedUserInformation = false;

  private server?: http.Server;
  private readonly sockets = new Set<import("node:net").Socket>();
  private readonly sites = new Map<string, Map<string, TestList>>();
  private readonly users = new Map<string, DirectoryUser>();
  private readonly groups = new Map<string, Set<string>>();
  private readonly catalog = new Map<string, string>();
  /** Catalog id -> the manifest id it was published with. */
  private readonly catalogExternalIds = new Map<string, string>();
  private readonly installs = new Map<string, Map<string, string>>();
  private readonly teamsBlocked = new Set<string>();
  private readonly teamsUnknown = new Set<string>();
  private rules: { fault: Fault; match: FaultMatch; times: number }[] = [];
  private chaosSettings?: ChaosSettings;
  private random: () => number = mulberry32(1);
  url = "";
  baseUrl = "";

  constructor(options: GraphTestServerOptions = {}) {
    this.token = options.token ?? GRAPH_TEST_TOKEN;
    this.maxPageSize = options.maxPageSize ?? 200;
    this.defaultPageSize = options.defaultPageSize ?? 100;
    this.directoryPageSize = options.directoryPageSize ?? 999;
    this.uniqueViolation = options.uniqueViolation ?? "invalidRequest";
    this.listViewThreshold = options.listViewThreshold ?? 5000;
    this.ruPerMinute = options.ruPerMinute;
    this.latencyMs = options.latencyMs ?? 0;
    this.now = options.now ?? Date.now;
    for (const site of options.sites ?? []) this.addSite(site);
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.serve(req, res));
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    this.baseUrl = `${this.url}/v1.0`;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  // ---------- fault injection ----------

  /** The next `times` requests matching `match` meet `fault`. */
  inject(fault: Fault, options: FaultMatch & { times?: number } = {}): void {
    this.rules.push({
      fault,
      match: { method: options.method, path: options.path },
      times: options.times ?? 1,
    });
  }

  chaos(settings: ChaosSettings | undefined): void {
    this.chaosSettings = settings;
    this.random = mulberry32(settings?.seed ?? 1);
  }

  clearFaults(): void {
    this.rules = [];
    this.chaosSettings = undefined;
  }

  private pickFault(method: string, path: string, batchPart: boolean): Fault | undefined {
    for (const rule of this.rules) {
      if (rule.times <= 0) continue;
      if ((rule.fault.kind === "batchThrottle") !== batchPart) continue;
      if (rule.match.method && rule.match.method !== method) continue;
      if (rule.match.path && !rule.match.path.test(path)) continue;
      rule.times--;
      return rule.fault;
    }
    const chaos = this.chaosSettings;
    if (!chaos) return undefined;
    const candidates = chaos.faults.filter((f) => (f.kind === "batchThrottle") === batchPart);
    if (candidates.length === 0 || this.random() >= chaos.rate) return undefined;
    return candidates[Math.floor(this.random() * candidates.length)];
  }

  private count(fault: Fault): void {
    this.faultCounts[fault.kind] = (this.faultCounts[fault.kind] ?? 0) + 1;
  }

  // ---------- fixtures and inspection ----------

  addSite(siteId: string): void {
    if (!this.sites.has(siteId)) this.sites.set(siteId, new Map());
  }

  /** The lists of a site, by display name, as SharePoint holds them (for assertions). */
  listsOf(siteId: string): {
    displayName: string;
    columns: { name: string; type: string; indexed: boolean; unique: boolean }[];
  }[] {
    return [...(this.sites.get(siteId)?.values() ?? [])].map((l) => ({
      displayName: l.displayName,
      columns: l.columns
        .filter((c) => !c.readOnly)
        .map((c) => ({
          name: c.name,
          type: c.type,
          indexed: c.indexed,
          unique: c.enforceUniqueValues,
        })),
    }));
  }

  /** Every item's fields in a list (for assertions on what was really stored). */
  itemsOf(siteId: string, displayName: string): Record<string, unknown>[] {
    const list = [...(this.sites.get(siteId)?.values() ?? [])].find(
      (l) => l.displayName === displayName,
    );
    return list ? [...list.items.values()].map((i) => ({ ...i.fields, id: String(i.id) })) : [];
  }

  /**
   * Stores items straight into a list, as if written long ago (no requests, no units): for
   * tests that need lists of tens of thousands of items without as many HTTP creates.
   */
  seedItems(siteId: string, displayName: string, items: readonly Record<string, unknown>[]): void {
    const list = [...(this.sites.get(siteId)?.values() ?? [])].find(
      (l) => l.displayName === displayName,
    );
    if (!list) throw new Error(`No list ${displayName} on ${siteId}`);
    const now = new Date(this.now()).toISOString();
    for (const fields of items) {
      const item: TestItem = {
        id: list.nextItemId++,
        guid: randomUUID(),
        version: 1,
        fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)),
        created: now,
        modified: now,
      };
      list.items.set(item.id, item);
    }
  }

  addUser(user: DirectoryUser): void {
    this.users.set(user.id, { accountEnabled: true, ...user });
  }

  removeUser(id: string): void {
    this.users.delete(id);
    for (const members of this.groups.values()) members.delete(id);
  }

  /** A group's direct members: user ids or other group ids (nesting is followed transitively). */
  setGroupMembers(groupId: string, memberIds: readonly string[]): void {
    this.groups.set(groupId, new Set(memberIds));
  }

  addCatalogApp(
    teamsAppId: string,
    displayName = "Staff Social Media Policy",
    externalId?: string,
  ): void {
    this.catalog.set(teamsAppId, displayName);
    if (externalId) this.catalogExternalIds.set(teamsAppId, externalId);
  }

  /** A user whose Teams policy or licence forbids installing apps for them (403). */
  blockTeamsFor(userId: string): void {
    this.teamsBlocked.add(userId);
  }

  /** A user Teams does not know (no Teams licence): installing for them answers 404. */
  unknownToTeams(userId: string): void {
    this.teamsUnknown.add(userId);
  }

  /** An app already installed for a user (e.g. by an administrator's setup policy). */
  preinstall(userId: string, teamsAppId: string): void {
    const installed = this.installs.get(userId) ?? new Map<string, string>();
    installed.set(teamsAppId, Buffer.from(`${userId}##${teamsAppId}`).toString("base64url"));
    this.installs.set(userId, installed);
  }

  installedAppsOf(userId: string): string[] {
    return [...(this.installs.get(userId)?.keys() ?? [])];
  }

  // ---------- resource units ----------

  private minute(): RuMinute {
    const start = Math.floor(this.now() / 60_000) * 60_000;
    let current = this.ruMinutes[this.ruMinutes.length - 1];
    if (!current || current.start !== start) {
      current = { start, spent: 0, requests: 0, throttled: 0 };
      this.ruMinutes.push(current);
    }
    return current;
  }

  /** Spends `cost` units; over the budget, the 429 the request gets instead of an answer. */
  private charge(cost: number): Answer | undefined {
    const minute = this.minute();
    const overBudget = this.ruPerMinute !== undefined && minute.spent + cost > this.ruPerMinute;
    // A refused request still spends its units, as SharePoint counts them.
    minute.spent += cost;
    minute.requests++;
    if (!overBudget) return undefined;
    minute.throttled++;
    return {
      status: 429,
      headers: { "Retry-After": String(this.secondsToReset()) },
      body: {
        error: {
          code: "TooManyRequests",
          message:
            "The request has been throttled: the application's resource unit budget is spent.",
        },
      },
    };
  }

  private secondsToReset(): number {
    return Math.max(1, Math.ceil((this.minute().start + 60_000 - this.now()) / 1000));
  }

  /** SharePoint adds the RateLimit headers once an app has spent 80% of its minute's budget. */
  private withRateLimitHeaders(answer: Answer): Answer {
    if (this.ruPerMinute === undefined) return answer;
    const minute = this.minute();
    if (minute.spent < this.ruPerMinute * 0.8) return answer;
    return {
      ...answer,
      headers: {
        ...answer.headers,
        "RateLimit-Limit": String(this.ruPerMinute),
        "RateLimit-Remaining": String(Math.max(0, this.ruPerMinute - minute.spent)),
        "RateLimit-Reset": String(this.secondsToReset()),
      },
    };
  }

  /** Every unit spent so far, and the most spent in any one minute. */
  ruTotals(): { spent: number; requests: number; throttled: number; busiestMinute: number } {
    return this.ruMinutes.reduce(
      (t, m) => ({
        spent: t.spent + m.spent,
        requests: t.requests + m.requests,
        throttled: t.throttled + m.throttled,
        busiestMinute: Math.max(t.busiestMinute, m.spent),
      }),
      { spent: 0, requests: 0, throttled: 0, busiestMinute: 0 },
    );
  }

  // ---------- HTTP ----------

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", this.url);
    const method = req.method ?? "GET";
    const fault = this.pickFault(method, url.pathname, false);
    const log = (status: number, ru?: number) =>
      this.requests.push({
        method,
        path: url.pathname,
        status,
        fault: fault?.kind,
        batched: false,
        ...(ru ? { ru } : {}),
      });

    if (fault) this.count(fault);
    if (fault?.kind === "drop" && fault.when === "before") {
      log(0);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "throttle" || fault?.kind === "unavailable") {
      const status = fault.kind === "throttle" ? 429 : 503;
      log(status);
      this.send(res, {
        status,
        headers: { "Retry-After": String(fault.retryAfterSeconds ?? 1) },
        body: {
          error: {
            code: status === 429 ? "activityLimitReached" : "serviceNotAvailable",
            message:
              status === 429
                ? "The request has been throttled"
                : "The service is temporarily unavailable",
          },
        },
      });
      return;
    }
    if (fault?.kind === "slow") await new Promise((r) => setTimeout(r, fault.delayMs));
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));

    let answer: Answer;
    const auth = req.headers.authorization;
    const cost = auth === `Bearer ${this.token}` ? ruCostOf(method, url) : 0;
    const over = cost > 0 ? this.charge(cost) : undefined;
    if (over) {
      answer = over;
    } else if (auth !== `Bearer ${this.token}`) {
      answer = {
        status: 401,
        body: {
          error: {
            code: "InvalidAuthenticationToken",
            message: auth
              ? "Access token validation failure. Invalid audience."
              : "Access token is empty.",
          },
        },
      };
    } else {
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        answer = {
          status: 400,
          body: { error: { code: "BadRequest", message: "Unable to read JSON request payload." } },
        };
        log(answer.status);
        this.send(res, answer);
        return;
      }
      answer = await this.dispatchTop(method, url, lowerHeaders(req.headers), body);
    }
    if (cost > 0) answer = this.withRateLimitHeaders(answer);
    log(answer.status, cost);
    if (fault?.kind === "drop" && fault.when === "after") {
      // The request was applied; its answer never arrives.
      req.socket.destroy();
      return;
    }
    this.send(res, answer);
  }

  private send(res: http.ServerResponse, answer: Answer): void {
    if (res.destroyed) return;
    const headers: Record<string, string> = { "request-id": randomUUID(), ...answer.headers };
    if (answer.body !== undefined) headers["Content-Type"] = "application/json";
    res.writeHead(answer.status, headers);
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }

  private async dispatchTop(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: unknown,
  ): Promise<Answer> {
    if (!url.pathname.startsWith("/v1.0/")) {
      return { status: 400, body: { error: { code: "BadRequest", message: "Invalid version." } } };
    }
    if (url.pathname === "/v1.0/$batch" && method === "POST") return this.batch(body);
    return this.dispatch(method, url, headers, body);
  }

  private async batch(body: unknown): Promise<Answer> {
    const requests = (body as { requests?: unknown })?.requests;
    if (!Array.isArray(requests)) {
      return {
        status: 400,
        body: { error: { code: "BadRequest", message: "Invalid batch payload format." } },
      };
    }
    if (requests.length > 20) {
      return {
        status: 400,
        body: {
          error: {
            code: "BadRequest",
            message: "Number of batch requests exceeds the maximum of 20.",
          },
        },
      };
    }
    const ids = new Set<string>();
    for (const r of requests as { id?: unknown }[]) {
      if (typeof r.id !== "string" || ids.has(r.id.toLowerCase())) {
        return {
          status: 400,
          body: {
            error: { code: "BadRequest", message: "Batch request ids must be unique strings." },
          },
        };
      }
      ids.add(r.id.toLowerCase());
    }
    const responses: {
      id: string;
      status: number;
      headers: Record<string, string>;
      body?: unknown;
    }[] = [];
    for (const r of requests as {
      id: string;
      method?: string;
      url?: string;
      headers?: Record<string, string>;
      body?: unknown;
    }[]) {
      const method = (r.method ?? "").toUpperCase();
      const relative = (r.url ?? "").startsWith("/") ? r.url! : `/${r.url ?? ""}`;
      const url = new URL(`/v1.0${relative}`, this.url);
      const headers = Object.fromEntries(
        Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
      );
      const fault = this.pickFault(method, url.pathname, true);
      const cost = ruCostOf(method, url);
      const over = cost > 0 ? this.charge(cost) : undefined;
      let answer: Answer;
      if (over) {
        answer = over;
      } else if (fault) {
        this.count(fault);
        answer = {
          status: 429,
          headers: {
            "Retry-After": String((fault as { retryAfterSeconds?: number }).retryAfterSeconds ?? 1),
          },
          body: {
            error: { code: "activityLimitReached", message: "The request has been throttled" },
          },
        };
      } else if (r.body !== undefined && !headers["content-type"]) {
        answer = {
          status: 400,
          body: {
            error: {
              code: "BadRequest",
              message: "Content-Type header is required when a body is given.",
            },
          },
        };
      } else {
        answer = await this.dispatch(method, url, headers, r.body);
      }
      if (cost > 0) answer = this.withRateLimitHeaders(answer);
      this.requests.push({
        method,
        path: url.pathname,
        status: answer.status,
        fault: fault?.kind,
        batched: true,
        ...(cost ? { ru: cost } : {}),
      });
      responses.push({
        id: r.id,
        status: answer.status,
        headers: { "Content-Type": "application/json", ...answer.headers },
        ...(answer.body === undefined ? {} : { body: answer.body }),
      });
    }
    // Graph does not promise the order of the answers.
    for (let i = responses.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [responses[i], responses[j]] = [responses[j]!, responses[i]!];
    }
    return { status: 200, body: { responses } };
  }

  private async dispatch(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: unknown,
  ): Promise<Answer> {
    try {
      const segments = url.pathname.split("/").slice(2).map(decodeURIComponent);
      const q = url.searchParams;
      const [root, id, ...rest] = segments;
      if (root === "sites" && id) return this.sitesRoute(method, id, rest, q, headers, body);
      if (root === "groups" && id && rest[0]?.toLowerCase() === "transitivemembers") {
        if (method !== "GET" || rest[1] !== "microsoft.graph.user" || rest.length !== 2)
          fail(405, "Request_BadRequest", "Unsupported request");
        return this.transitiveUsers(id, q, headers, url);
      }
      if (
        root === "users" &&
        id &&
        rest[0] === "teamwork" &&
        rest[1] === "installedApps" &&
        rest.length === 4 &&
        rest[3] === "chat" &&
        method === "GET"
      ) {
        return this.installationChat(id, rest[2]!);
      }
      if (root === "appCatalogs" && id === "teamsApps" && rest.length === 0 && method === "GET") {
        return this.catalogApps(q);
      }
      if (
        root === "users" &&
        id &&
        rest[0] === "teamwork" &&
        rest[1] === "installedApps" &&
        rest.length === 2
      ) {
        return await this.installedApps(method, id, q, body);
      }
      return fail(400, "BadRequest", `Resource not found for the segment '${segments[0] ?? ""}'.`);
    } catch (error) {
      if (error instanceof GraphHttpError) {
        return {
          status: error.status,
          body: { error: { code: error.code, message: error.message } },
        };
      }
      return {
        status: 500,
        body: { error: { code: "generalException", message: (error as Error).message } },
      };
    }
  }

  // ---------- SharePoint ----------

  private sitesRoute(
    method: string,
    siteId: string,
    rest: string[],
    q: URLSearchParams,
    headers: Record<string, string>,
    body: unknown,
  ): Answer {
    const lists = this.sites.get(siteId);
    if (!lists) fail(404, "itemNotFound", "Requested site could not be found");
    if (rest.length === 0) {
      if (method !== "GET") fail(405, "invalidRequest", "Method not allowed");
      return {
        status: 200,
        body: {
          id: siteId,
          displayName: "Staff Social Media Policy",
          webUrl: `https://contoso.sharepoint.com/sites/policy`,
        },
      };
    }
    if (rest[0] !== "lists")
      fail(400, "BadRequest", `Resource not found for the segment '${rest[0]}'.`);
    if (rest.length === 1) {
      if (method === "GET") return this.getLists(lists, q);
      if (method === "POST") return this.createList(lists, body);
      fail(405, "invalidRequest", "Method not allowed");
    }
    const list =
      lists.get(rest[1]!) ??
      [...lists.values()].find((l) => l.displayName.toLowerCase() === rest[1]!.toLowerCase());
    if (!list) fail(404, "itemNotFound", "The specified list was not found");
    if (rest.length === 2) {
      if (method !== "GET") fail(405, "invalidRequest", "Method not allowed");
      return { status: 200, body: this.listJson(list) };
    }
    if (rest[2] === "columns") {
      if (rest.length === 3 && method === "GET")
        return { status: 200, body: { value: list.columns.map(columnJson) } };
      if (rest.length === 3 && method === "POST") return this.createColumn(list, body);
      if (rest.length === 4 && method === "PATCH") return this.updateColumn(list, rest[3]!, body);
      fail(405, "invalidRequest", "Method not allowed");
    }
    if (rest[2] === "items") {
      if (rest.length === 3 && method === "GET") return this.listItems(list, q, headers);
      if (rest.length === 3 && method === "POST") return this.createItem(list, body);
      const item = list.items.get(Number(rest[3]));
      if (!item || !/^\d+$/.test(rest[3] ?? ""))
        fail(404, "itemNotFound", "The specified list item was not found");
      if (rest.length === 4 && method === "GET")
        return { status: 200, body: this.itemJson(list, item, expandOf(q)) };
      if (rest.length === 4 && method === "DELETE") {
        this.checkIfMatch(item, headers);
        list.items.delete(item.id);
        return { status: 204 };
      }
      if (rest.length === 5 && rest[4] === "fields" && method === "GET")
        return { status: 200, body: this.fieldsJson(list, item) };
      if (rest.length === 5 && rest[4] === "fields" && method === "PATCH")
        return this.updateFields(list, item, headers, body);
      fail(405, "invalidRequest", "Method not allowed");
    }
    return fail(400, "BadRequest", `Resource not found for the segment '${rest[2]}'.`);
  }

  private getLists(lists: Map<string, TestList>, q: URLSearchParams): Answer {
    let all = [...lists.values()];
    const filter = q.get("$filter");
    if (filter) {
      const tree = parseFilter(filter);
      // Lists filter on displayName only, as Graph does.
      if (pathsOf(tree).some((p) => p !== "displayName"))
        fail(400, "invalidRequest", "The provided filter statement is not supported");
      all = all.filter((l) => evaluate(tree, () => ({ value: l.displayName, type: "text" })));
    }
    return { status: 200, body: { value: all.map((l) => this.listJson(l)) } };
  }

  private listJson(list: TestList): Record<string, unknown> {
    return {
      "@odata.etag": `"${list.id},1"`,
      id: list.id,
      name: list.displayName,
      displayName: list.displayName,
      createdDateTime: list.created,
      list: { template: "genericList", hidden: false, contentTypesEnabled: false },
    };
  }

  private createList(lists: Map<string, TestList>, body: unknown): Answer {
    const b = body as
      | { displayName?: unknown; columns?: unknown; list?: { template?: unknown } }
      | undefined;
    if (typeof b?.displayName !== "string" || !b.displayName.trim())
      fail(400, "invalidRequest", "displayName is required");
    if (b.list?.template !== undefined && b.list.template !== "genericList")
      fail(400, "invalidRequest", "Only genericList is supported here");
    if (
      [...lists.values()].some(
        (l) => l.displayName.toLowerCase() === (b.displayName as string).toLowerCase(),
      )
    ) {
      fail(
        409,
        "nameAlreadyExists",
        "A list, survey, discussion board, or document library with the specified title already exists in this Web site.",
      );
    }
    const list: TestList = {
      id: randomUUID(),
      displayName: b.displayName,
      created: new Date().toISOString(),
      columns: builtInColumns(),
      items: new Map(),
      nextItemId: 1,
    };
    for (const definition of Array.isArray(b.columns) ? b.columns : []) addColumn(list, definition);
    lists.set(list.id, list);
    return { status: 201, body: this.listJson(list) };
  }

  private createColumn(list: TestList, body: unknown): Answer {
    return { status: 201, body: columnJson(addColumn(list, body)) };
  }

  private updateColumn(list: TestList, columnId: string, body: unknown): Answer {
    const column = list.columns.find((c) => c.id === columnId || c.name === columnId);
    if (!column) fail(404, "itemNotFound", "The specified column was not found");
    const b = (body ?? {}) as {
      indexed?: unknown;
      enforceUniqueValues?: unknown;
      displayName?: unknown;
    };
    if (column.readOnly) fail(400, "invalidRequest", "The column is read-only");
    if (typeof b.indexed === "boolean") {
      if (b.indexed && column.type === "note")
        fail(400, "invalidRequest", "Multiple lines of text columns cannot be indexed");
      column.indexed = b.indexed;
    }
    if (typeof b.enforceUniqueValues === "boolean") {
      if (b.enforceUniqueValues && !column.indexed)
        fail(400, "invalidRequest", "A column that enforces unique values must be indexed");
      column.enforceUniqueValues = b.enforceUniqueValues;
    }
    if (typeof b.displayName === "string") column.displayName = b.displayName;
    return { status: 200, body: columnJson(column) };
  }

  private checkFields(list: TestList, fields: Record<string, unknown>, self?: TestItem): void {
    for (const [name, value] of Object.entries(fields)) {
      if (name === "@odata.etag") continue;
      const column = list.columns.find((c) => c.name === name);
      if (!column) fail(400, "invalidRequest", `Field '${name}' is not recognized`);
      if (column.readOnly) fail(400, "invalidRequest", `Field '${name}' is read-only`);
      if (value === null) continue;
      const ok =
        column.type === "number"
          ? typeof value === "number" && Number.isFinite(value)
          : column.type === "boolean"
            ? typeof value === "boolean"
            : typeof value === "string" && value.length <= column.maxLength;
      if (!ok)
        fail(
          400,
          "invalidRequest",
          `The value of field '${name}' is not valid for its type or too long`,
        );
    }
    for (const column of list.columns.filter((c) => c.enforceUniqueValues)) {
      const value = fields[column.name];
      if (value === undefined || value === null) continue;
      for (const other of list.items.values()) {
        if (
          other !== self &&
          compareValues(other.fields[column.name], value) === 0 &&
          other.fields[column.name] != null
        ) {
          if (this.uniqueViolation === "spException") {
            fail(
              500,
              "-2146232832, Microsoft.SharePoint.SPException",
              `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${column.name}].`,
            );
          }
          fail(
            400,
            "invalidRequest",
            "One or more fields with unique constraints already has the provided value.",
          );
        }
      }
    }
  }

  private createItem(list: TestList, body: unknown): Answer {
    const fields = (body as { fields?: unknown } | undefined)?.fields;
    if (!fields || typeof fields !== "object")
      fail(400, "invalidRequest", "A list item needs fields");
    const f = fields as Record<string, unknown>;
    this.checkFields(list, f);
    for (const column of list.columns.filter((c) => c.required && c.name !== "Title")) {
      if (f[column.name] === undefined || f[column.name] === null || f[column.name] === "") {
        fail(400, "invalidRequest", `Field '${column.name}' is required`);
      }
    }
    const now = new Date().toISOString();
    const item: TestItem = {
      id: list.nextItemId++,
      guid: randomUUID(),
      version: 1,
      fields: {},
      created: now,
      modified: now,
    };
    for (const [k, v] of Object.entries(f))
      if (k !== "@odata.etag" && v !== null) item.fields[k] = v;
    list.items.set(item.id, item);
    return { status: 201, body: this.itemJson(list, item, { fields: true }) };
  }

  private checkIfMatch(item: TestItem, headers: Record<string, string>): void {
    const expected = headers["if-match"];
    if (expected !== undefined && expected !== "*" && expected !== etag(item)) {
      fail(
        412,
        "resourceModified",
        "The request ETag value does not match the object's ETag value",
      );
    }
  }

  private updateFields(
    list: TestList,
    item: TestItem,
    headers: Record<string, string>,
    body: unknown,
  ): Answer {
    if (!body || typeof body !== "object")
      fail(400, "invalidRequest", "A fieldValueSet is required");
    this.checkIfMatch(item, headers);
    const f = body as Record<string, unknown>;
    this.checkFields(list, f, item);
    for (const [k, v] of Object.entries(f)) {
      if (k === "@odata.etag") continue;
      if (v === null) delete item.fields[k];
      else item.fields[k] = v;
    }
    item.version++;
    item.modified = new Date().toISOString();
    return { status: 200, body: this.fieldsJson(list, item) };
  }

  private fieldsJson(
    list: TestList,
    item: TestItem,
    select?: readonly string[],
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {
      "@odata.etag": etag(item),
      id: String(item.id),
      ContentType: "Item",
      Modified: item.modified,
      Created: item.created,
    };
    for (const column of list.columns) {
      const value = item.fields[column.name];
      if (value !== undefined) out[column.name] = value;
    }
    if (!select) return out;
    return Object.fromEntries(
      Object.entries(out).filter(([k]) => k === "@odata.etag" || select.includes(k)),
    );
  }

  private itemJson(
    list: TestList,
    item: TestItem,
    expand: { fields: boolean; select?: string[] },
    selectId = false,
  ): Record<string, unknown> {
    const base: Record<string, unknown> = selectId
      ? { "@odata.etag": etag(item), id: String(item.id) }
      : {
          "@odata.etag": etag(item),
          id: String(item.id),
          createdDateTime: item.created,
          lastModifiedDateTime: item.modified,
          webUrl: `https://contoso.sharepoint.com/sites/policy/Lists/${encodeURIComponent(list.displayName)}/DispForm.aspx?ID=${item.id}`,
          contentType: { id: "0x0100", name: "Item" },
        };
    if (expand.fields) base.fields = this.fieldsJson(list, item, expand.select);
    return base;
  }

  private listItems(list: TestList, q: URLSearchParams, headers: Record<string, string>): Answer {
    const honourUnindexed = (headers.prefer ?? "").includes(NON_INDEXED_PREFER);
    const columnFor = (path: string): TestColumn => {
      if (!path.startsWith("fields/"))
        fail(400, "invalidRequest", `Filtering on '${path}' is not supported`);
      const name = path.slice("fields/".length);
      const column = list.columns.find((c) => c.name === name);
      if (!column) fail(400, "invalidRequest", `Field '${name}' is not recognized`);
      if (!column.indexed && !honourUnindexed) {
        fail(
          400,
          "invalidRequest",
          `Field '${name}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: ${NON_INDEXED_PREFER}' header to allow this, but be warned that such queries may fail on large lists.`,
        );
      }
      return column;
    };
    const filterText = q.get("$filter");
    const tree = filterText ? parseFilter(filterText) : undefined;
    const filterColumns = new Map((tree ? pathsOf(tree) : []).map((p) => [p, columnFor(p)]));
    const valueOf = (item: TestItem) => (p: string) => ({
      value: item.fields[filterColumns.get(p)!.name],
      type: filterColumns.get(p)!.type,
    });
    if (tree && list.items.size > this.listViewThreshold) {
      // Past the threshold SharePoint answers only through an index: the filter's first
      // condition must be on one indexed column and, alone, match at most the threshold.
      let first: FilterNode = tree;
      while (first.op === "and") first = first.left;
      const columns = new Set(pathsOf(first).map((p) => filterColumns.get(p)!));
      const [column] = [...columns];
      const narrowed =
        columns.size === 1 &&
        column!.indexed &&
        [...list.items.values()].filter((item) => evaluate(first, valueOf(item))).length <=
          this.listViewThreshold;
      if (!narrowed) {
        fail(
          500,
          "-2147024860, Microsoft.SharePoint.SPQueryThrottledException",
          "The attempted operation is prohibited because it exceeds the list view threshold.",
        );
      }
    }
    const orderText = q.get("$orderby");
    const order = (orderText ? orderText.split(",") : []).map((part) => {
      const [path, direction] = part.trim().split(/\s+/);
      return { column: columnFor(path ?? ""), desc: (direction ?? "asc").toLowerCase() === "desc" };
    });
    const top = q.get("$top");
    if (top !== null && !/^\d+$/.test(top)) fail(400, "invalidRequest", "Invalid $top");
    const size = Math.max(1, Math.min(this.maxPageSize, top ? Number(top) : this.defaultPageSize));

    const compare = (a: TestItem, b: TestItem): number => {
      for (const o of order) {
        const c = compareValues(a.fields[o.column.name], b.fields[o.column.name]);
        if (c !== 0) return o.desc ? -c : c;
      }
      return a.id - b.id;
    };
    let matching = [...list.items.values()]
      .filter((item) => !tree || evaluate(tree, valueOf(item)))
      .sort(compare);
    // $skiptoken: the sort key of the last item on the previous page (as SharePoint's p_ID paging).
    const token = q.get("$skiptoken");
    if (token) {
      let after: { id: number; values: unknown[] };
      try {
        after = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as typeof after;
      } catch {
        fail(400, "invalidRequest", "Invalid $skiptoken");
      }
      const pivot: TestItem = {
        id: after.id,
        guid: "",
        version: 0,
        created: "",
        modified: "",
        fields: Object.fromEntries(order.map((o, i) => [o.column.name, after.values[i]])),
      };
      matching = matching.filter((item) => compare(item, pivot) > 0);
    }
    const page = matching.slice(0, size);
    const expand = expandOf(q);
    const selectIdOnly =
      (q.get("$select") ?? "")
        .split(",")
        .map((s) => s.trim())
        .join(",") === "id";
    const body: Record<string, unknown> = {
      value: page.map((item) => this.itemJson(list, item, expand, selectIdOnly)),
    };
    if (matching.length > size) {
      const last = page[page.length - 1]!;
      const skip = Buffer.from(
        JSON.stringify({
          id: last.id,
          values: order.map((o) => last.fields[o.column.name] ?? null),
        }),
      ).toString("base64url");
      const params = [...q.entries()].filter(([k]) => k !== "$skiptoken");
      params.push(["$skiptoken", skip]);
      body["@odata.nextLink"] =
        `${this.baseUrl}/sites/${encodeURIComponent(this.siteOf(list))}/lists/${list.id}/items?` +
        params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
    }
    return { status: 200, body };
  }

  private siteOf(list: TestList): string {
    for (const [site, lists] of this.sites) if (lists.get(list.id) === list) return site;
    return "";
  }

  // ---------- Entra ----------

  private transitiveUsers(
    groupId: string,
    q: URLSearchParams,
    headers: Record<string, string>,
    url: URL,
  ): Answer {
    if (!this.groups.has(groupId))
      fail(
        404,
        "Request_ResourceNotFound",
        `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.`,
      );
    // An OData cast on directory objects is an advanced query: ConsistencyLevel and $count are required.
    if (headers.consistencylevel !== "eventual" || q.get("$count") !== "true") {
      fail(
        400,
        "Request_UnsupportedQuery",
        "The specified OData cast requires the ConsistencyLevel:eventual header and $count=true.",
      );
    }
    const seen = new Set<string>();
    const users: DirectoryUser[] = [];
    const walk = (id: string) => {
      for (const member of this.groups.get(id) ?? []) {
        if (seen.has(member)) continue;
        seen.add(member);
        if (this.groups.has(member)) walk(member);
        const user = this.users.get(member);
        if (user) users.push(user);
      }
    };
    walk(groupId);
    const select = (q.get("$select") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const top = q.get("$top");
    const size = Math.max(1, Math.min(this.directoryPageSize, top ? Number(top) : 100));
    const offset = Number(q.get("$skiptoken") ?? "0") || 0;
    const page = users.slice(offset, offset + size).map((u) => {
      // Without a permission to read users (User.Read.All), Graph returns them with "limited
      // information": the id, and null for every other property.
      const limited = this.limitedUserInformation;
      const full: Record<string, unknown> = limited
        ? {
            id: u.id,
            displayName: null,
            mail: null,
            userPrincipalName: null,
            department: null,
            accountEnabled: null,
          }
        : {
            id: u.id,
            displayName: u.displayName,
            mail: u.mail ?? null,
            userPrincipalName: u.userPrincipalName ?? `${u.id}@contoso.onmicrosoft.com`,
            department: u.department ?? null,
            accountEnabled: u.accountEnabled ?? true,
          };
      return select.length
        ? Object.fromEntries(Object.entries(full).filter(([k]) => k === "id" || select.includes(k)))
        : full;
    });
    const body: Record<string, unknown> = {
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
      "@odata.count": users.length,
      value: page,
    };
    if (offset + size < users.length) {
      const params = [...q.entries()].filter(([k]) => k !== "$skiptoken");
      params.push(["$skiptoken", String(offset + size)]);
      body["@odata.nextLink"] =
        `${this.url}${url.pathname}?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")}`;
    }
    return { status: 200, body };
  }

  // ---------- Teams ----------

  /** The personal chat between a user and the app: GET …/installedApps/{installation}/chat. */
  private installationChat(userId: string, installationId: string): Answer {
    const installed = this.installs.get(userId);
    const appId = [...(installed?.entries() ?? [])].find(([, id]) => id === installationId)?.[0];
    if (!appId) fail(404, "NotFound", "The installation was not found");
    return { status: 200, body: { id: chatIdFor(userId, appId), chatType: "oneOnOne" } };
  }

  /** GET /appCatalogs/teamsApps?$filter=externalId eq '…' (the only filter the app uses). */
  private catalogApps(q: URLSearchParams): Answer {
    const m = /^externalId eq '((?:[^']|'')*)'$/.exec(q.get("$filter") ?? "");
    if (!m) fail(400, "BadRequest", "Only externalId eq '…' can be filtered here");
    const externalId = m[1]!.replace(/''/g, "'");
    const value = [...this.catalog.entries()]
      .filter(([id]) => this.catalogExternalIds.get(id) === externalId)
      .map(([id, displayName]) => ({
        id,
        externalId,
        displayName,
        distributionMethod: "organization",
      }));
    return { status: 200, body: { value } };
  }

  private async installedApps(
    method: string,
    userId: string,
    q: URLSearchParams,
    body: unknown,
  ): Promise<Answer> {
    if (!this.users.has(userId) || this.teamsUnknown.has(userId))
      fail(404, "NotFound", `User ${userId} was not found`);
    const installed = this.installs.get(userId) ?? new Map<string, string>();
    if (method === "GET") {
      const filter = q.get("$filter");
      const tree = filter ? parseFilter(filter) : undefined;
      if (tree && pathsOf(tree).some((p) => p !== "teamsApp/id"))
        fail(400, "BadRequest", "Only teamsApp/id can be filtered");
      const value = [...installed.entries()]
        .filter(([appId]) => !tree || evaluate(tree, () => ({ value: appId })))
        .map(([appId, installId]) => ({
          id: installId,
          ...((q.get("$expand") ?? "").includes("teamsApp")
            ? {
                teamsApp: {
                  id: appId,
                  externalId: null,
                  displayName: this.catalog.get(appId),
                  distributionMethod: "organization",
                },
              }
            : {}),
        }));
      return { status: 200, body: { value } };
    }
    if (method !== "POST") fail(405, "BadRequest", "Method not allowed");
    const bind = (body as Record<string, unknown> | undefined)?.["teamsApp@odata.bind"];
    const match =
      typeof bind === "string" ? /\/appCatalogs\/teamsApps\/([^/?#]+)$/.exec(bind) : null;
    if (!match)
      fail(400, "BadRequest", "teamsApp@odata.bind must name an app in appCatalogs/teamsApps");
    const appId = decodeURIComponent(match[1]!);
    if (!this.catalog.has(appId))
      fail(404, "NotFound", "The app was not found in the tenant app catalog");
    if (this.teamsBlocked.has(userId))
      fail(
        403,
        "Forbidden",
        "Installing apps for this user is not allowed by the tenant's Teams policies",
      );
    if (installed.has(appId)) fail(409, "Conflict", "The app is already installed for this user");
    installed.set(appId, Buffer.from(`${userId}##${appId}`).toString("base64url"));
    this.installs.set(userId, installed);
    await this.onAppInstalled?.(userId, appId);
    return { status: 201 };
  }
}

/** The id Teams gives the one-to-one chat between a user and an app's bot. */
export function chatIdFor(userId: string, appId: string): string {
  return `19:${userId}_${appId}@unq.gbl.spaces`;
}

function lowerHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [
      k.toLowerCase(),
      Array.isArray(v) ? v.join(",") : (v ?? ""),
    ]),
  );
}

function etag(item: TestItem): string {
  return `"${item.guid},${item.version}"`;
}

/** `$expand=fields`, `fields(select=a,b)` or `fields($select=a,b)`. */
function expandOf(q: URLSearchParams): { fields: boolean; select?: string[] } {
  const expand = q.get("$expand") ?? q.get("expand");
  if (!expand) return { fields: false };
  const m = /^fields(?:\(\$?select=([^)]*)\))?$/.exec(expand.trim());
  if (!m) fail(400, "invalidRequest", `Unsupported $expand: ${expand}`);
  return { fields: true, select: m[1] ? m[1].split(",").map((s) => s.trim()) : undefined };
}

function builtInColumns(): TestColumn[] {
  const column = (
    name: string,
    type: ColumnType,
    readOnly: boolean,
    required = false,
  ): TestColumn => ({
    id: randomUUID(),
    name,
    displayName: name,
    type,
    indexed: name === "ID",
    enforceUniqueValues: false,
    required,
    maxLength: type === "text" ? TEXT_MAX : NOTE_MAX,
    readOnly,
    definition: {},
  });
  return [
    column("Title", "text", false, true),
    column("ID", "number", true),
    column("Created", "text", true),
    column("Modified", "text", true),
  ];
}

function addColumn(list: TestList, body: unknown): TestColumn {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.name !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(b.name))
    fail(400, "invalidRequest", "A column needs a valid name");
  if (list.columns.some((c) => c.name.toLowerCase() === (b.name as string).toLowerCase())) {
    fail(409, "nameAlreadyExists", `A duplicate field name "${b.name}" was found.`);
  }
  const facets = [
    "text",
    "number",
    "boolean",
    "dateTime",
    "choice",
    "lookup",
    "personOrGroup",
    "currency",
    "calculated",
  ].filter((f) => b[f] !== undefined);
  if (facets.length !== 1) fail(400, "invalidRequest", "A column needs exactly one type");
  const facet = facets[0]!;
  if (!["text", "number", "boolean"].includes(facet))
    fail(400, "invalidRequest", `Column type ${facet} is not supported by this test server`);
  const text = (b.text ?? {}) as { allowMultipleLines?: unknown; maxLength?: unknown };
  const type: ColumnType =
    facet === "text" ? (text.allowMultipleLines === true ? "note" : "text") : (facet as ColumnType);
  const indexed = b.indexed === true;
  const unique = b.enforceUniqueValues === true;
  if (indexed && type === "note")
    fail(400, "invalidRequest", "Multiple lines of text columns cannot be indexed");
  if (unique && !indexed)
    fail(400, "invalidRequest", "A column that enforces unique values must be indexed");
  const maxLength =
    type === "text"
      ? Math.min(TEXT_MAX, typeof text.maxLength === "number" ? text.maxLength : TEXT_MAX)
      : NOTE_MAX;
  const column: TestColumn = {
    id: randomUUID(),
    name: b.name,
    displayName: typeof b.displayName === "string" ? b.displayName : b.name,
    type,
    indexed,
    enforceUniqueValues: unique,
    required: b.required === true,
    maxLength,
    readOnly: false,
    definition: b,
  };
  list.columns.push(column);
  return column;
}

function columnJson(c: TestColumn): Record<string, unknown> {
  const typeFacet =
    c.type === "note"
      ? {
          text: {
            allowMultipleLines: true,
            appendChangesToExistingText: false,
            linesForEditing: 6,
            maxLength: c.maxLength,
            textType: "plain",
          },
        }
      : c.type === "text"
        ? {
            text: {
              allowMultipleLines: false,
              appendChangesToExistingText: false,
              linesForEditing: 0,
              maxLength: c.maxLength,
            },
          }
        : c.type === "number"
          ? { number: { decimalPlaces: "automatic", displayAs: "number" } }
          : { boolean: {} };
  return {
    id: c.id,
    name: c.name,
    displayName: c.displayName,
    columnGroup: "Custom Columns",
    description: "",
    enforceUniqueValues: c.enforceUniqueValues,
    hidden: false,
    indexed: c.indexed,
    readOnly: c.readOnly,
    required: c.required,
    ...typeFacet,
  };
}

/** The units a SharePoint request costs; other Graph workloads have budgets of their own. */
function ruCostOf(method: string, url: URL): number {
  const segments = url.pathname.split("/").filter(Boolean);
  if (segments[1] !== "sites") return 0;
  if (method !== "GET") return RU_COSTS.write;
  const last = segments[segments.length - 1]?.toLowerCase();
  const collection = last === "items" || last === "lists" || last === "columns";
  return collection ? RU_COSTS.multiRead : RU_COSTS.singleRead;
}
