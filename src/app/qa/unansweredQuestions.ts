import { mayViewUnansweredQuestions } from "../../domain/people/permissions";
import type { Person } from "../../domain/people/person";
import type { AskedQuestion } from "../../domain/qa/askedQuestion";
import { accept, refuse, type Decision } from "../../domain/result";
import { displayNames } from "../displayNames";
import { readListPage, type ListPage, type PageRequest } from "../listPage";
import type { AppServices } from "../services";
import { askedQuestionKind } from "./records";

/*
 * The dashboard's "unanswered questions" panel: questions waiting for the policy owner, and
 * answers staff said were not helpful (and did not send on). Newest first, a page at a time.
 * The asker's name is shown only where they chose to send the question to the policy owner.
 */
export interface UnansweredQuestion {
  readonly questionId: string;
  readonly question: string;
  readonly askedAt: string;
  readonly reason: "waitingForPolicyOwner" | "notHelpful";
  /** Set only for questions the asker sent to the policy owner. */
  readonly askedBy: string | null;
  readonly escalatedAt: string | null;
  /** What the bot had said: the headings it quoted (empty when the policy did not cover it). */
  readonly answered: boolean;
  readonly source: AskedQuestion["source"];
  readonly citedHeadings: readonly string[];
  readonly policyVersion: string;
}

export type UnansweredPage = ListPage<UnansweredQuestion>;

export async function unansweredQuestions(
  services: AppServices,
  viewer: Person,
  page: PageRequest = {},
): Promise<Decision<UnansweredPage, "QA.NOT_ALLOWED">> {
  if (!mayViewUnansweredQuestions(viewer))
    return refuse(
      "QA.NOT_ALLOWED",
      "Only the policy owner and the Headteacher see staff questions.",
    );
  const found = await readListPage(
    services.store.collection(askedQuestionKind),
    { where: { unanswered: true }, orderBy: { field: "askedAt", direction: "desc" } },
    page,
  );
  const people = await displayNames(services);
  return accept({
    ...found,
    items: found.items.map(({ data: q }) => ({
      questionId: q.id,
      question: q.question,
      askedAt: q.askedAt,
      reason: q.escalation === "open" ? "waitingForPolicyOwner" : "notHelpful",
      askedBy:
        q.escalation === "open" ? (people.get(q.askerId) ?? "A former member of staff") : null,
      escalatedAt: q.escalatedAt,
      answered: q.answered,
      source: q.source,
      citedHeadings: q.citedHeadings,
      policyVersion: q.policyVersion,
    })),
  });
}
