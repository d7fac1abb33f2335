import http from "node:http";

/*
 * A local Bot Connector: the bot posts its replies and proactive messages here (it is the
 * activity's serviceUrl), and tests read what a person would have seen. Follows the v3 REST
 * routes botbuilder calls; `failNext` injects the statuses Teams answers with (403, 429).
 */
export interface RecordedActivity {
  readonly conversationId: string;
  readonly method: string;
  readonly activityId: string;
  readonly body: {
    type?: string;
    text?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
    [key: string]: unknown;
  };
}

export class ConnectorRecorder {
  readonly activities: RecordedActivity[] = [];
  private readonly failures: { status: number; retryAfter?: number; code?: string }[] = [];
  /** Conversations that always answer with a status (a person who blocked the bot: 403). */
  private readonly conversationFailures = new Map<string, number>();
  /** Share of requests answered 429 at random (throttling under load). */
  throttleRate = 0;
  /** The Retry-After (seconds) those random 429s carry. */
  throttleRetryAfterSeconds = 1;
  /** How many 429s have been answered so far (random or injected). */
  throttled = 0;
  /** Once this many activities are recorded, further requests are held unanswered (see dropHeld). */
  private holdAfter = Infinity;
  private readonly held: http.ServerResponse[] = [];
  private server?: http.Server;
  private counter = 0;
  url = "";

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? "");
        const conversation = decodeURIComponent(m?.[1] ?? "");
        const fixed = this.conversationFailures.get(conversation);
        const failure = fixed
          ? { status: fixed, retryAfter: undefined, code: undefined }
          : this.throttleRate > 0 && Math.random() < this.throttleRate
            ? { status: 429, retryAfter: this.throttleRetryAfterSeconds }
            : this.failures.shift();
        if (failure) {
          if (failure.status === 429) this.throttled++;
          res.writeHead(failure.status, {
            "content-type": "application/json",
            ...(failure.retryAfter ? { "retry-after": String(failure.retryAfter) } : {}),
          });
          res.end(
            JSON.stringify({
              error: {
                code:
                  failure.code ??
                  (failure.status === 403
                    ? "MessageWritesBlocked"
                    : failure.status === 413
                      ? "MessageSizeTooBig"
                      : "Throttled"),
                message: "injected",
              },
            }),
          );
          return;
        }
        if (m && this.activities.length >= this.holdAfter) {
          // Teams never answered: the sender must not count this one as delivered.
          this.held.push(res);
          return;
        }
        if (m && (req.method === "POST" || req.method === "PUT")) {
          const activityId =
            req.method === "PUT" ? decodeURIComponent(m[2] ?? "") : `act-${++this.counter}`;
          this.activities.push({
            conversationId: decodeURIComponent(m[1] ?? ""),
            method: req.method,
            activityId,
            body: body ? JSON.parse(body) : {},
          });
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ id: activityId }));
          return;
        }
        res.writeHead(404);
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    return this;
  }

  /** Simulates the moment of a crash: requests after `count` hang instead of being answered. */
  holdAfterCount(count: number): void {
    this.holdAfter = count;
  }

  /** Drops held requests unrecorded (their sender is gone) and answers normally again. */
  dropHeld(): number {
    const n = this.held.length;
    for (const res of this.held.splice(0)) res.socket?.destroy();
    this.holdAfter = Infinity;
    return n;
  }

  heldCount(): number {
    return this.held.length;
  }

  failConversation(conversationId: string, status: number): void {
    this.conversationFailures.set(conversationId, status);
  }

  /** The next request is answered `status` (with Teams' error `code`, when given). */
  failNext(status: number, retryAfter?: number, code?: string): void {
    this.failures.push({ status, retryAfter, code });
  }

  /** Text of every message plus every TextBlock of every card, in order. */
  texts(conversationId?: string): string[] {
    return this.activities
      .filter((a) => !conversationId || a.conversationId === conversationId)
      .map((a) =>
        [a.body.text ?? "", ...(a.body.attachments ?? []).map((att) => cardText(att.content))]
          .join("\n")
          .trim(),
      );
  }

  cards(conversationId?: string): Record<string, unknown>[] {
    return this.activities
      .filter((a) => !conversationId || a.conversationId === conversationId)
      .flatMap((a) => (a.body.attachments ?? []).map((att) => att.content));
  }

  clear(): void {
    this.activities.length = 0;
  }

  async stop(): Promise<void> {
    this.dropHeld();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

/** Flattens a card's visible text (TextBlocks without their bold markers, facts, action titles) for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    // Bold markers are not visible text: "**Status:** Closed" reads "Status: Closed".
    if (n.type === "TextBlock" && typeof n.text === "string") out.push(n.text.replace(/\*\*/g, ""));
    if (n.type === "TextRun" && typeof n.text === "string") out.push(n.text);
    if (
      typeof n.title === "string" &&
      (typeof n.value === "string" || String(n.type ?? "").startsWith("Action."))
    ) {
      out.push(typeof n.value === "string" ? `${n.title}: ${n.value}` : n.title);
    }
    for (const [k, v] of Object.entries(n)) if (k !== "text" && typeof v === "object") walk(v);
  };
  walk(card);
  return out.join("\n");
}
