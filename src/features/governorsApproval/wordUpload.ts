import { markedChanges, readableDate } from "../acknowledgements/noticeMessages";
import type { AppServices } from "../../app/services";
import { preparedDocument } from "../acknowledgements/publishVersion";
import { mayPublishPolicyVersion } from "../../domain/people/permissions";
import type { Person } from "../../domain/people/person";
import { summariseChanges } from "../../domain/policy/changeSummary";
import { earliestEffectiveDate } from "../../domain/policy/noticeRule";
import { accept, refuse, type Decision } from "../../domain/result";
import { markdownToDocument, PolicyImportError, readDocx } from "../../policy/importPolicy";
import type { CardMessage } from "../../ports";
import { findAll } from "../../store/findAll";
import { draftViewFor, draftVersion } from "./policyDrafts";
import { policyUploadKind, UPLOAD_RETENTION_DAYS, type PolicyUpload } from "./uploadRecords";

/*
 * Publishing the way a school works: the policy owner sends the Word master to the bot in
 * personal chat. It is read (mammoth), compared with the version in force sentence by sentence,
 * and shown as a preview with the version label, summary and an effective date that gives the
 * month's notice; confirming it sends it to the governors for approval.
 */
export const UPLOAD_VERBS = { send: "policyUploadSend" } as const;

function isDate(v: string | undefined): v is string {
  return Boolean(v && /^\d{4}-\d{2}-\d{2}$/.test(v));
}

export async function receiveWordMaster(
  services: AppServices,
  person: Person,
  file: { name: string; content: Buffer },
): Promise<Decision<CardMessage>> {
  if (!mayPublishPolicyVersion(person))
    return refuse(
      "UPLOAD.ROLE",
      "Only the policy owner or the Headteacher can send a new version of the policy.",
    );
  let source;
  try {
    source = await readDocx(file.content);
  } catch {
    return refuse(
      "UPLOAD.UNREADABLE",
      `${file.name} could not be read as a Word document (.docx).`,
    );
  }
  const upload: PolicyUpload = {
    id: `U-${services.ids.newId().slice(0, 8)}`,
    uploaderId: person.aadObjectId,
    fileName: file.name.slice(0, 200),
    text: source.text,
    header: source.header,
    ignored: [...source.ignored],
    uploadedAt: services.clock.now().toISOString(),
    sentAs: null,
  };
  return previewOf(
    services,
    upload,
    async () => void (await services.store.collection(policyUploadKind).create(upload.id, upload)),
  );
}

async function previewOf(
  services: AppServices,
  upload: PolicyUpload,
  save: () => Promise<void>,
): Promise<Decision<CardMessage>> {
  const earliest = earliestEffectiveDate(services.clock.now(), services.schoolTimeZone);
  const effective =
    isDate(upload.header.effectiveFrom) && upload.header.effectiveFrom > earliest
      ? upload.header.effectiveFrom
      : earliest;
  const current = await services.policyVersions.inForce();
  let document;
  try {
    const details = {
      label: upload.header.label ?? "next",
      effectiveFrom: effective,
      summary: upload.header.summary ?? "",
    };
    // Section ids carried over from the version in force, exactly as publishing will.
    document = preparedDocument(
      {
        ...details,
        document: markdownToDocument(
          upload.text,
          details,
          current?.document ?? services.bundledPolicy,
        ),
      },
      current?.document,
    );
  } catch (error) {
    if (error instanceof PolicyImportError)
      return refuse(
        "UPLOAD.NO_SECTIONS",
        `${upload.fileName} could not be read as the policy: ${error.message} (each section needs a heading styled as Heading 1 or 2).`,
      );
    throw error;
  }
  await save();
  const changes = summariseChanges(current?.document, document);
  return accept({
    template: "policyUploadPreview",
    data: {
      uploadId: upload.id,
      fileName: upload.fileName,
      sectionCount: String(document.sections.length),
      sections: document.sections.map((s) => ({ heading: s.heading })),
      currentLabel: current?.label ?? "none",
      changeCounts: `${changes.added.length} added, ${changes.changed.length} changed, ${changes.removed.length} removed`,
      ...markedChanges(current?.document, document, 40),
      ignored: upload.ignored.length
        ? `Left out as the cover page: ${upload.ignored.map((t) => `"${t.slice(0, 60)}"`).join(", ")}`
        : "",
      label: upload.header.label ?? "",
      summary: upload.header.summary ?? "",
      effectiveFrom: effective,
      earliest,
      earliestWords: readableDate(earliest, services.schoolTimeZone),
      verb: UPLOAD_VERBS.send,
    },
  });
}

export async function sendUploadToGovernors(
  services: AppServices,
  person: Person,
  input: { uploadId: string; label: string; effectiveFrom: string; summary: string },
): Promise<Decision<CardMessage>> {
  const record = await services.store.collection(policyUploadKind).get(input.uploadId);
  if (!record || record.data.uploaderId !== person.aadObjectId)
    return refuse(
      "UPLOAD.NOT_FOUND",
      "That upload is not yours, or has expired: send the Word document again.",
    );
  if (record.data.sentAs)
    return refuse(
      "UPLOAD.SENT",
      `This document was already sent to the governors as version ${record.data.sentAs}.`,
    );
  const current = await services.policyVersions.inForce();
  let document;
  try {
    document = markdownToDocument(
      record.data.text,
      input,
      current?.document ?? services.bundledPolicy,
    );
  } catch (error) {
    if (error instanceof PolicyImportError)
      return refuse("UPLOAD.BAD_DETAILS", `Not sent: ${error.message}`);
    throw error;
  }
  const drafted = await draftVersion(services, person, {
    ...input,
    document,
    source: "word",
    fileName: record.data.fileName,
  });
  if (!drafted.ok) return refuse(drafted.code, `Not sent: ${drafted.reason}`);
  await services.store
    .collection(policyUploadKind)
    .update(record.id, { ...record.data, sentAs: input.label }, record.version);
  return accept(await draftViewFor(services, drafted.value.draft, person));
}

export async function purgeOldUploads(services: AppServices): Promise<number> {
  const cutoff = new Date(
    services.clock.now().getTime() - UPLOAD_RETENTION_DAYS * 86_400_000,
  ).toISOString();
  const uploads = services.store.collection(policyUploadKind);
  let purged = 0;
  for (const r of await findAll(uploads, { range: { field: "uploadedAt", lte: cutoff } }))
    if (await uploads.delete(r.id)) purged++;
  return purged;
}
