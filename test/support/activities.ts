import type { Person } from "../../src/domain/people/person";

/*
 * Real Bot Framework activities, shaped as Teams sends them, for integration tests that POST
 * to /api/messages. Each person has their own personal conversation.
 */
export const BOT = { id: "28:policy-bot", name: "Social Media Policy" };

let seq = 0;

function base(person: Person | { aadObjectId: string; displayName: string }, serviceUrl: string) {
  return {
    id: `in-${++seq}`,
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${person.aadObjectId}`, name: person.displayName, aadObjectId: person.aadObjectId },
    recipient: BOT,
    conversation: { id: personalConversationId(person.aadObjectId), conversationType: "personal", tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" } },
  };
}

export function personalConversationId(aadObjectId: string): string {
  return `a:personal-${aadObjectId}`;
}

export function messageActivity(person: Person | { aadObjectId: string; displayName: string }, serviceUrl: string, text: string) {
  return { ...base(person, serviceUrl), type: "message", text, textFormat: "plain" };
}

export function installActivity(person: Person, serviceUrl: string) {
  return { ...base(person, serviceUrl), type: "installationUpdate", action: "add" };
}

export function invokeActivity(person: Person | { aadObjectId: string; displayName: string }, serviceUrl: string, verb: string, data: Record<string, unknown>) {
  return {
    ...base(person, serviceUrl),
    type: "invoke",
    name: "adaptiveCard/action",
    value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
  };
}

/** POSTs an activity and returns the HTTP status and body (an invoke's response). */
export async function post(botUrl: string, activity: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
