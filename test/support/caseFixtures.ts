import { openCase, type MisuseCase } from "../../src/domain/reports/misuseCase";
import { reportSubmissionSchema } from "../../src/domain/reports/misuseReport";
import { routeReport } from "../../src/domain/reports/routing";
import { person } from "./people";

/** A small school for case tests: who handles, who is told, who reports and who is reported. */
export const head = person("head", "headteacher");
export const chair = person("chair", "chair-of-governors", "governor");
export const deputy = person("deputy", "aht-digital");
export const teacher = person("teacher");
export const colleague = person("colleague");
export const bystander = person("bystander");
export const roster = [head, chair, deputy, teacher, colleague, bystander];

/** The teacher's report of a colleague's post (or of the Headteacher's), opened as a case. */
export function reportedCase(report: {
  readonly concerns: readonly string[];
  readonly subjectId?: string;
}): MisuseCase {
  const submission = reportSubmissionSchema.parse({
    kind: "misuse",
    whatWasSeen: "A colleague posted a pupil's photo.",
    where: "Facebook",
    when: "today",
    ...report,
  });
  const routing = routeReport(submission, teacher, roster);
  if (!routing.ok) throw new Error(routing.reason);
  return openCase({
    reference: "R-2026-0001",
    reporterId: teacher.aadObjectId,
    submission,
    receivedAt: "2026-11-02T09:00:00Z",
    routing: routing.value,
  });
}
