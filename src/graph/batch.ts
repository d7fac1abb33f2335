import {
  BatchRequestContent,
  BatchResponseContent,
  type BatchResponseBody,
} from "@microsoft/microsoft-graph-client";
import { GraphUnavailableError, retryAfterSeconds, type GraphApi } from "./graphClient";

/*
 * JSON batching through the SDK's BatchRequestContent / BatchResponseContent: at most 20 parts a
 * request, each answered on its own. A part throttled inside a 200 batch (429/503/504) is sent
 * again here, after its Retry-After, which also pauses every other Graph request of the instance;
 * every other answer goes back to the caller, who decides what it means.
 */
/** Graph's (and BatchRequestContent's) limit of requests per batch. */
export const BATCH_LIMIT = 20;

export interface BatchPart {
  readonly id: string;
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Relative to the version root, e.g. "/sites/x/lists/y/items". */
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface PartAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

// BatchRequestContent keeps only the path of a request's URL: the host here is never contacted.
const PLACEHOLDER_ORIGIN = "https://graph.batch.invalid";

function requestOf(part: BatchPart): Request {
  const headers = new Headers(part.headers);
  if (part.body !== undefined && !headers.has("Content-Type")) {
    headers.set("Content-Type", "application/json");
  }
  return new Request(`${PLACEHOLDER_ORIGIN}${part.path}`, {
    method: part.method,
    headers,
    body: part.body === undefined ? undefined : JSON.stringify(part.body),
  });
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isThrottled(status: number): boolean {
  return status === 429 || status === 503 || status === 504;
}

/** Sends the parts (in requests of 20) until every part has an answer that is not throttling. */
export async function sendBatch(
  graph: GraphApi,
  parts: readonly BatchPart[],
): Promise<Map<string, PartAnswer>> {
  const answers = new Map<string, PartAnswer>();
  let pending = [...parts];
  for (let round = 0; pending.length > 0; round++) {
    if (round > graph.maxRetries) {
      throw new GraphUnavailableError(
        `Microsoft Graph kept throttling ${pending.length} parts of a batch`,
        429,
      );
    }
    const again: BatchPart[] = [];
    for (let start = 0; start < pending.length; start += BATCH_LIMIT) {
      const chunk = pending.slice(start, start + BATCH_LIMIT);
      const content = new BatchRequestContent(
        chunk.map((part) => ({ id: part.id, request: requestOf(part) })),
      );
      const answer = await graph.post<BatchResponseBody>("/$batch", await content.getContent());
      const responses = new BatchResponseContent({ responses: answer?.responses ?? [] });
      let waitSeconds = 0;
      for (const part of chunk) {
        const response = responses.getResponseById(part.id);
        // A part the batch did not answer is sent again, like a throttled one.
        if (!response) {
          again.push(part);
          continue;
        }
        if (isThrottled(response.status)) {
          again.push(part);
          waitSeconds = Math.max(
            waitSeconds,
            retryAfterSeconds(response.headers.get("Retry-After")),
          );
          continue;
        }
        answers.set(part.id, {
          status: response.status,
          headers: response.headers,
          body: await bodyOf(response),
        });
      }
      // The whole instance waits, not only these parts: further parts would only spend units.
      if (waitSeconds > 0) graph.throttle.pause(waitSeconds);
    }
    pending = again;
  }
  return answers;
}
