import fs from "node:fs";
import path from "node:path";
import { packageRoot } from "../../src/packageRoot";

/**
 * A shared evaluation file beside the repository (`../shared/eval/`), from the main checkout or
 * from a worktree one level further down; undefined when it is not there.
 */
export function sharedEvalFile(name: string): string | undefined {
  const root = packageRoot();
  return [
    path.join(root, "..", "shared/eval", name),
    path.join(root, "../..", "shared/eval", name),
  ].find((file) => fs.existsSync(file));
}
