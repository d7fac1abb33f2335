import fs from "node:fs";
import { CardTooLargeError, escapeCardText, renderCard, templateNames, templatePath } from "../../../src/bot/cards/renderCard";

describe("card rendering", () => {
  test("when user text carries Markdown, then it is escaped and shows as typed", () => {
    const card = renderCard({ template: "notice", data: { title: "Report", message: "[click](http://evil.example) **now**", tone: "attention" } });
    const text = JSON.stringify(card);
    expect(text).not.toContain("[click](http://evil.example)");
    expect(text).toContain("\\\\[click\\\\]");
  });

  test("when a value is a template expression, then it is bound as text and not evaluated", () => {
    const card = renderCard({ template: "notice", data: { title: "${tone}", message: "m", tone: "good" } });
    expect(JSON.stringify(card)).not.toContain('"good"');
  });

  test("when a card would pass Teams' 40 KB limit, then rendering refuses", () => {
    expect(() => renderCard({ template: "notice", data: { title: "t", message: "x".repeat(50_000), tone: "" } })).toThrow(CardTooLargeError);
  });

  test("when escaping, then list markers and headings lose their meaning", () => {
    expect(escapeCardText("- item\n1. first\nversion 2024.07 (draft)")).toBe("\\- item\n1\\. first\nversion 2024.07 (draft)");
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
        for (const name of Object.keys(obj.data)) if (reserved.has(name)) offending.push(`${template}: ${String(obj.title)} has data.${name}`);
      }
      Object.values(obj).forEach((v) => walk(v, template));
    };
    for (const name of templateNames()) walk(JSON.parse(fs.readFileSync(templatePath(name), "utf8")), name);
    expect(offending).toEqual([]);
  });
});
