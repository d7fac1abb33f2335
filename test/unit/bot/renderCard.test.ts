import fs from "node:fs";
import {
  CardTooLargeError,
  escapeCardText,
  renderCard,
  templateNames,
  templatePath,
} from "../../../src/bot/cards/renderCard";

describe("card rendering", () => {
  test("when user text carries Markdown, then it is escaped and shows as typed", () => {
    const card = renderCard({
      template: "notice",
      data: { title: "Report", message: "[click](http://evil.example) **now**", tone: "attention" },
    });
    const text = JSON.stringify(card);
    expect(text).not.toContain("[click](http://evil.example)");
    expect(text).toContain("\\\\[click\\\\]");
  });

  test("when a value is a template expression, then it is bound as text and not evaluated", () => {
    const card = renderCard({
      template: "notice",
      data: { title: "${tone}", message: "m", tone: "good" },
    });
    expect(JSON.stringify(card)).not.toContain('"good"');
  });

  test("when a card would pass Teams' 40 KB limit, then rendering refuses", () => {
    expect(() =>
      renderCard({
        template: "notice",
        data: { title: "t", message: "x".repeat(50_000), tone: "" },
      }),
    ).toThrow(CardTooLargeError);
  });

  test("when escaping, then list markers lose their meaning without a visible backslash", () => {
    expect(escapeCardText("- item\n1. first\n+ more\nversion 2024.07 (draft)")).toBe(
      "-\u00A0item\n1.\u00A0first\n+\u00A0more\nversion 2024.07 (draft)",
    );
  });

  test("when escaping, then only what Teams' Markdown acts on gets a backslash: not _ ~ . or a lone \\", () => {
    expect(escapeCardText("Year_6 ~ 3.5 C:\\Users sports_day_2025.jpg")).toBe(
      "Year_6 ~ 3.5 C:\\Users sports_day_2025.jpg",
    );
    expect(escapeCardText("**bold** [x](y) \\*")).toBe("\\*\\*bold\\*\\* \\[x\\](y) \\\\\\*");
  });

  test("when text has nothing Markdown acts on, then it comes back as it was, and otherwise exactly as the three rules make it", () => {
    const byTheRules = (text: string) =>
      text
        .replace(/\\(?=[\\*[\]])/g, "\\\\")
        .replace(/[*[\]]/g, (c) => `\\${c}`)
        .replace(/^([ \t]*)([-+]|\d+\.)[ \t]/gm, "$1$2\u00A0");
    for (const text of [
      'The policy says, under "Monitoring":',
      "",
      "a-b 3.5 + c",
      "line one\n  - two",
      "ends with a lone \\",
      "\\[not a link]",
      "x\n12. twelfth",
      "tabs\t-\there",
    ]) {
      expect(escapeCardText(text)).toBe(byTheRules(text));
    }
  });

  test("when a card has inputs and text, then inputs and choice titles are bound raw and only Markdown-rendered text is escaped", () => {
    const typed = "Year_6 *stars* \\o/ [draft]";
    const card = renderCard({
      template: "postForm",
      data: {
        title: typed,
        text: typed,
        imageLinks: "https://x.example/a_b*c.jpg",
        accounts: [{ title: "*Facebook*", value: "Facebook" }],
        checklist: [],
      },
    });
    const body = card.body as Array<Record<string, unknown>>;
    const input = (id: string) => body.find((e) => e.id === id)!;
    expect(input("text").value).toBe(typed);
    expect(input("imageLinks").value).toBe("https://x.example/a_b*c.jpg");
    expect((input("accounts").choices as Array<{ title: string }>)[0]!.title).toBe("*Facebook*");
    expect(body[0]!.text).toBe("Year_6 \\*stars\\* \\o/ \\[draft\\]");
  });

  test("when any template is rendered, then it is an Adaptive Card 1.5 or lower", () => {
    for (const name of templateNames()) {
      const card = renderCard({ template: name, data: {} });
      expect(card.type).toBe("AdaptiveCard");
      expect(Number(card.version)).toBeLessThanOrEqual(1.5);
    }
  });

  test("when any template has an action, then its data avoids names the Teams renderers treat specially", () => {
    // The Agents Playground's renderer silently drops an Action.Execute whose data has a "key".
    const reserved = new Set(["key", "ref", "msteams"]);
    const offending: string[] = [];
    const walk = (node: unknown, template: string): void => {
      if (Array.isArray(node)) return node.forEach((n) => walk(n, template));
      if (!node || typeof node !== "object") return;
      const obj = node as Record<string, unknown>;
      if (obj.type === "Action.Execute" && obj.data && typeof obj.data === "object") {
        for (const name of Object.keys(obj.data))
          if (reserved.has(name))
            offending.push(`${template}: ${String(obj.title)} has data.${name}`);
      }
      Object.values(obj).forEach((v) => walk(v, template));
    };
    for (const name of templateNames())
      walk(JSON.parse(fs.readFileSync(templatePath(name), "utf8")), name);
    expect(offending).toEqual([]);
  });
});
