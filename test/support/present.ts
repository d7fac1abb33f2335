import fs from "node:fs";

/**
 * Whether a file a test needs is there (the built `lib/`, the shared folder beside the
 * repository). A developer without it gets the test skipped; under CI (`CI` set) a missing file
 * fails the suite at once instead, so a broken build or checkout cannot pass by skipping.
 */
export function present(file: string, what: string): boolean {
  if (fs.existsSync(file)) return true;
  if (process.env.CI)
    throw new Error(`${what} is missing (${file}); under CI nothing is skipped for want of it`);
  return false;
}
