import fs from "node:fs";
import {
  describeProblems,
  parsePolicyDocument,
  type PolicyDocument,
} from "../domain/policy/policyDocument";

export class PolicyFileError extends Error {
  readonly code = "POLICY.INVALID";
}

/** Loads the bundled (or POLICY_FILE) policy; a malformed file names its lines. */
export function loadPolicyFile(file: string): PolicyDocument {
  if (!fs.existsSync(file))
    throw new PolicyFileError(`${file}: policy file not found (POLICY_FILE)`);
  const result = parsePolicyDocument(fs.readFileSync(file, "utf8"));
  if (!result.ok) throw new PolicyFileError(describeProblems(file, result.problems));
  return result.document;
}
