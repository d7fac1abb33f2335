import { readableDate } from "../../../app/ukDates";
import type { CardMessage } from "../../../ports";
import type {
  RemindersQueued,
  WaitingCards,
  WaitingForYou,
  WaitingList,
  WaitingPlace,
} from "../waitingViews";
import { WAITING_VERBS } from "./waitingVerbs";

/*
 * The Teams side of the WaitingCards port: the "What is waiting for you" card
 * (waitingForYou.json) from the use case's view, and the answer when reminders are sent from it.
 */

export interface WaitingCardData {
  readonly title: string;
  readonly sections: readonly { heading: string; lines: readonly { text: string }[] }[];
  /** The reminder offer (notYet 0: no button). */
  readonly remind: { version: string; notYet: number; question: string };
  readonly dashboardUrl: string;
  readonly verbs: typeof WAITING_VERBS;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function postLines(list: WaitingList, timeZone: string, none: string): { text: string }[] {
  if (list.total === 0) return [{ text: none }];
  const named = list.named.map((p) => ({
    text: `${p.authorName}, for ${readableDate(p.intendedDate, timeZone)}: "${p.excerpt}"`,
  }));
  const more = list.total - list.named.length;
  return more > 0 ? [...named, { text: `and ${more} more (the dashboard lists them all)` }] : named;
}

function waitingForYou(w: WaitingForYou, options: WaitingPlace): CardMessage {
  const zone = options.timeZone;
  const sections: WaitingCardData["sections"][number][] = [];
  if (w.postsToDecide)
    sections.push({
      heading: `Posts waiting for your approval: ${w.postsToDecide.total}`,
      lines: postLines(
        w.postsToDecide,
        zone,
        "None. Each post's card in this chat has the buttons.",
      ),
    });
  if (w.postsToPublish)
    sections.push({
      heading: `Approved posts to put on the school's accounts: ${w.postsToPublish.total}`,
      lines: postLines(w.postsToPublish, zone, "None."),
    });
  if (w.openCases !== undefined)
    sections.push({
      heading: `Open reports and media enquiries: ${w.openCases}`,
      lines: [
        {
          text:
            w.openCases === 0
              ? "None open."
              : "Each one's card in this chat has what you can do next.",
        },
      ],
    });
  if (w.questionsWaiting !== undefined)
    sections.push({
      heading: `Staff questions waiting for an answer: ${w.questionsWaiting}`,
      lines: [
        {
          text:
            w.questionsWaiting === 0
              ? "None."
              : "The dashboard lists them; answer each from its card.",
        },
      ],
    });
  for (const a of w.acknowledgements ?? [])
    sections.push({
      heading: `Acknowledgements of version ${a.version} (${a.inForce ? "in force" : `from ${readableDate(a.effectiveFrom, zone)}`}): ${a.acknowledged} of ${a.total}`,
      lines: [
        {
          text:
            a.notYet === 0
              ? "Everyone who can be reached has acknowledged it."
              : `${plural(a.notYet, "person has", "people have")} not yet${a.overdue > 0 ? ` (${a.overdue} overdue)` : ""}.`,
        },
        ...(a.unreachable > 0
          ? [{ text: `${plural(a.unreachable, "person", "people")} cannot be reached by the bot.` }]
          : []),
      ],
    });
  if (w.draftsForGovernors)
    sections.push({
      heading: `New versions waiting for the governors' approval: ${w.draftsForGovernors.length}`,
      lines:
        w.draftsForGovernors.length === 0
          ? [{ text: "None." }]
          : w.draftsForGovernors.map((d) => ({
              text: `Version ${d.label}, proposed for ${readableDate(d.effectiveFrom, zone)}`,
            })),
    });
  if (w.ownAcknowledgementMissing)
    sections.push({
      heading: "Your own acknowledgement",
      lines: [
        {
          text: `You have not yet acknowledged version ${w.ownAcknowledgementMissing}. Type policy to read it and acknowledge it.`,
        },
      ],
    });
  // Reminders go for the version staff must acknowledge next: the announced one if any.
  const remindable = [...(w.acknowledgements ?? [])].reverse().find((a) => a.mayRemind);
  const data: WaitingCardData = {
    title: "What is waiting for you",
    sections,
    remind: {
      version: remindable?.version ?? "",
      notYet: remindable?.notYet ?? 0,
      question: remindable
        ? `Send one reminder about version ${remindable.version} to the ${plural(remindable.notYet, "person", "people")} who have not acknowledged it?`
        : "",
    },
    dashboardUrl: options.dashboardUrl,
    verbs: WAITING_VERBS,
  };
  return { template: "waitingForYou", data: { ...data } };
}

function remindersQueued({
  version,
  queued,
  notReminded,
  dashboardUrl,
}: RemindersQueued): CardMessage {
  return {
    template: "summary",
    data: {
      title: "Reminders on their way",
      message: `One reminder about version ${version} is going to ${queued} ${queued === 1 ? "person" : "people"}.${notReminded > 0 ? ` ${notReminded} cannot be reached by the bot; the dashboard says why.` : ""}`,
      facts: [],
      actionTitle: "Open the dashboard",
      actionUrl: dashboardUrl,
    },
  };
}

/** "What is waiting for you" as Teams shows it: an Adaptive Card template with typed data. */
export const teamsWaitingCards: WaitingCards = { waitingForYou, remindersQueued };
