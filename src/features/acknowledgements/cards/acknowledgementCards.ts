import { changeLines, markedChanges } from "../../../bot/cards/policyChanges";
import { readableDate } from "../../../app/ukDates";
import { describeUnreachable, UNREACHABLE_FIX } from "../../../domain/acknowledgements/unreachable";
import { summariseChanges } from "../../../domain/policy/changeSummary";
import type { CardMessage } from "../../../ports";
import type {
  AcknowledgementCards,
  NoticeView,
  OverdueSummaryView,
  PolicyStatusView,
  PublishFormView,
  ReviewReminderView,
} from "../acknowledgementViews";
import { POLICY_VERBS } from "./policyVerbs";

/*
 * The Teams side of the AcknowledgementCards port. The notice (policyNotice.json) says what the
 * version is, what changed since the last one, links to the full text, and shows either the
 * "I have read and understood" button or the receipt; the status card (policyStatus.json) where
 * the person stands; the owner's form (publishPolicy.json) starts a new version.
 */
const NOTICE_TEMPLATE = "policyNotice";

/** The data of policyNotice.json. */
export interface PolicyNoticeData extends Record<string, unknown> {
  readonly title: string;
  readonly intro: string;
  readonly versionLabel: string;
  readonly changes: readonly { readonly kind: string; readonly heading: string }[];
  readonly hasChanges: boolean;
  readonly hasMarks: boolean;
  readonly marks: readonly unknown[];
  readonly marksHidden: string;
  readonly previousLabel: string;
  readonly fullTextUrl: string;
  readonly acknowledged: boolean;
  readonly acknowledgedOn: string;
  readonly note: string;
  readonly verb: string;
  readonly versionId: string;
}

/** The data of policyStatus.json. */
export interface PolicyStatusData extends Record<string, unknown> {
  readonly title: string;
  readonly rows: readonly { readonly title: string; readonly value: string }[];
  readonly fullTextUrl: string;
}

/** The data of publishPolicy.json. */
export interface PublishPolicyData extends Record<string, unknown> {
  readonly earliest: string;
  readonly currentLabel: string;
  readonly verb: string;
}

/** The data of the shared summary.json. */
interface SummaryData extends Record<string, unknown> {
  readonly title: string;
  readonly message: string;
  readonly facts: readonly { readonly title: string; readonly value: string }[];
  readonly actionTitle: string;
  readonly actionUrl: string;
}

const fullTextUrl = (publicUrl: string, label: string) =>
  `${publicUrl}/policy/${encodeURIComponent(label)}`;

function noticeData(o: NoticeView): PolicyNoticeData {
  const installed = o.version.publishedBy === "installation";
  const changes = o.previous
    ? changeLines(summariseChanges(o.previous.document, o.version.document))
    : [];
  const effective = readableDate(o.version.effectiveFrom, o.timeZone);
  return {
    title: o.reminder
      ? `Reminder: please acknowledge the ${o.version.document.meta.title}`
      : installed
        ? `Please acknowledge the ${o.version.document.meta.title}`
        : `A new version of the ${o.version.document.meta.title}`,
    intro: installed
      ? `Version ${o.version.label}, in force since ${effective}. By acknowledging it you confirm you have read and understood it, including its section on monitoring.`
      : `Version ${o.version.label} takes effect on ${effective}. ${o.version.summary}`,
    versionLabel: o.version.label,
    changes,
    hasChanges: changes.length > 0,
    // The marked sentences only while there is something to acknowledge: a receipt stays short.
    ...(o.previous && !o.acknowledgedAt
      ? markedChanges(o.previous.document, o.version.document)
      : { hasMarks: false, marks: [], marksHidden: "" }),
    previousLabel: o.previous?.label ?? "",
    fullTextUrl: fullTextUrl(o.publicUrl, o.version.label),
    acknowledged: Boolean(o.acknowledgedAt),
    acknowledgedOn: o.acknowledgedAt ? readableDate(o.acknowledgedAt, o.timeZone) : "",
    note: o.note ?? "",
    verb: POLICY_VERBS.acknowledgePolicy,
    versionId: o.version.label,
  };
}

function statusData(view: PolicyStatusView): PolicyStatusData {
  const { current, upcoming, acknowledgedAt, timeZone: zone } = view;
  const line = (label: string) => {
    const at = acknowledgedAt.get(label);
    return at ? `Acknowledged on ${readableDate(at, zone)}` : "Not yet acknowledged";
  };
  const rows: { title: string; value: string }[] = [];
  if (current) {
    rows.push({
      title: "In force",
      value: `Version ${current.label}, since ${readableDate(current.effectiveFrom, zone)}`,
    });
    rows.push({ title: "You", value: line(current.label) });
  }
  if (upcoming) {
    rows.push({
      title: "Upcoming",
      value: `Version ${upcoming.label}, from ${readableDate(upcoming.effectiveFrom, zone)}`,
    });
    rows.push({ title: "You", value: line(upcoming.label) });
  }
  if (current && view.nextReview) {
    const due = view.nextReview;
    // The text's own words ("Summer 2025") only while the date is the one they were written for.
    const label =
      due === current.document.meta.nextReview ? current.document.meta.nextReviewLabel : undefined;
    rows.push({ title: "Next review", value: label ?? readableDate(due, zone) });
  }
  return {
    title: current?.document.meta.title ?? "Staff Social Media Policy",
    rows,
    fullTextUrl: fullTextUrl(view.publicUrl, current?.label ?? ""),
  };
}

function overdueSummary(view: OverdueSummaryView): CardMessage {
  const { version, undeliverable } = view;
  const data: SummaryData = {
    title: `Policy acknowledgements overdue (version ${version.label})`,
    message: [
      `Acknowledgements were due by ${readableDate(view.due, view.timeZone)}. Open the dashboard to see who and to send reminders.`,
      undeliverable
        ? `${undeliverable} could not be reached (${describeUnreachable(view.unreachable)}), so reminders cannot reach them either. ${UNREACHABLE_FIX}`
        : "",
    ]
      .filter(Boolean)
      .join(" "),
    facts: [
      { title: "Acknowledged", value: String(view.acknowledged) },
      { title: "Overdue", value: String(view.overdue) },
      { title: "Could not be reached", value: String(undeliverable) },
    ],
    actionTitle: "Open the dashboard",
    actionUrl: view.dashboardUrl,
  };
  return { template: "summary", data };
}

function reviewReminder({ version, nextReview }: ReviewReminderView): CardMessage {
  const data: SummaryData = {
    title: "The Staff Social Media Policy is due for its annual review",
    message: `Version ${version.label} was due for review on ${nextReview}. Publish a new version (type "publish policy"), or record that it was reviewed without changes (type "policy reviewed").`,
    facts: [],
    actionTitle: "",
    actionUrl: "",
  };
  return { template: "summary", data };
}

function publishFormData(view: PublishFormView): PublishPolicyData {
  return {
    earliest: view.earliest,
    currentLabel: view.current?.label ?? "none",
    verb: POLICY_VERBS.publishPolicy,
  };
}

/** Policy versions and acknowledgements as Teams shows them: Adaptive Card templates with typed data. */
export const teamsAcknowledgementCards: AcknowledgementCards = {
  notice: (view): CardMessage => ({ template: NOTICE_TEMPLATE, data: noticeData(view) }),
  status: (view): CardMessage => ({ template: "policyStatus", data: statusData(view) }),
  publishForm: (view): CardMessage => ({ template: "publishPolicy", data: publishFormData(view) }),
  overdueSummary,
  reviewReminder,
  noticeVersionOf: (card) => {
    const label = card.data["versionLabel"];
    return card.template === NOTICE_TEMPLATE && typeof label === "string" ? label : undefined;
  },
};
