/*
 * What each of the school's accounts accepts, checked on the form before anyone approves a
 * post that could not be published as written. Limits are the platforms' own (X: 280
 * characters; Instagram: a post is a photo or video, with up to 2,200 characters).
 */
export interface AccountRules {
  readonly maxText: number;
  readonly needsImage: boolean;
}

const RULES: Readonly<Record<string, AccountRules>> = {
  x: { maxText: 280, needsImage: false },
  twitter: { maxText: 280, needsImage: false },
  instagram: { maxText: 2200, needsImage: true },
  facebook: { maxText: 63_206, needsImage: false },
  linkedin: { maxText: 3000, needsImage: false },
  tiktok: { maxText: 2200, needsImage: true },
  threads: { maxText: 500, needsImage: false },
  bluesky: { maxText: 300, needsImage: false },
};

export function rulesFor(account: string): AccountRules | undefined {
  return RULES[account.trim().toLowerCase()];
}

const count = (n: number) => n.toLocaleString("en-GB");

/** Every limit the chosen accounts would break, as sentences; empty when none. */
export function accountProblems(content: {
  readonly text: string;
  readonly accounts: readonly string[];
  readonly imageLinks: readonly string[];
}): string[] {
  const problems: string[] = [];
  for (const account of content.accounts) {
    const rules = rulesFor(account);
    if (!rules) continue;
    if (content.text.length > rules.maxText) {
      problems.push(
        `${account} allows ${count(rules.maxText)} characters and this post has ${count(content.text.length)}: shorten it, or do not choose ${account}.`,
      );
    }
    if (rules.needsImage && content.imageLinks.length === 0)
      problems.push(
        `${account} needs at least one photo: add a link to it, or do not choose ${account}.`,
      );
  }
  return problems;
}

/** The limits of the accounts offered, for the form: "X: up to 280 characters. Instagram: needs a photo, up to 2,200 characters." */
export function limitsLine(accounts: readonly string[]): string {
  return accounts
    .flatMap((a) => {
      const r = rulesFor(a);
      return r
        ? [`${a}: ${r.needsImage ? "needs a photo, " : ""}up to ${count(r.maxText)} characters.`]
        : [];
    })
    .join(" ");
}
