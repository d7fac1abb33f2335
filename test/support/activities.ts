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
    from: {
      id: `29:${person.aadObjectId}`,
      name: person.displayName,
      aadObjectId: person.aadObjectId,
    },
    recipient: BOT,
    conversation: {
      id: personalConversationId(person.aadObjectId),
      conversationType: "personal",
      tenantId: "tenant-1",
    },
    channelData: { tenant: { id: "tenant-1" } },
  };
}

export function personalConversationId(aadObjectId: string): string {
  return `a:personal-${aadObjectId}`;
}

export function messageActivity(
  person: Person | { aadObjectId: string; displayName: string },
  serviceUrl: string,
  text: string,
) {
  return { ...base(person, serviceUrl), type: "message", text, textFormat: "plain" };
}

/**
 * A file sent to the bot in personal chat, as Teams delivers it to a bot with `supportsFiles`:
 * a message whose attachment is the file's download info (a short-lived, pre-authorised link).
 */
export function fileActivity(
  person: Person | { aadObjectId: string; displayName: string },
  serviceUrl: string,
  file: { name: string; downloadUrl: string; fileType: string },
  conversationType = "personal",
) {
  const activity = messageActivity(person, serviceUrl, "");
  return {
    ...activity,
    text: undefined,
    conversation: { ...activity.conversation, conversationType },
    attachments: [
      {
        contentType: "application/vnd.microsoft.teams.file.download.info",
        contentUrl: `https://contoso.sharepoint.com/personal/owner/Documents/${encodeURIComponent(file.name)}`,
        name: file.name,
        content: {
          downloadUrl: file.downloadUrl,
          uniqueId: "1150D938-8870-4044-9F2C-5BBDEBA70C8C",
          fileType: file.fileType,
        },
      },
    ],
  };
}

export function installActivity(person: Person, serviceUrl: string) {
  return { ...base(person, serviceUrl), type: "installationUpdate", action: "add" };
}

export function invokeActivity(
  person: Person | { aadObjectId: string; displayName: string },
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
) {
  return {
    ...base(person, serviceUrl),
    type: "invoke",
    name: "adaptiveCard/action",
    value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
  };
}

/** POSTs an activity and returns the HTTP status and body (an invoke's response). */
export async function post(
  botUrl: string,
  activity: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
