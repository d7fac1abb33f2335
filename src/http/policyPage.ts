import type restify from "restify";
import type { AppServices } from "../app/services";
import type { RouteModule } from "./server";
import { sentenceChanges } from "../domain/policy/sentenceChanges";

/*
 * The full text of any published version at /policy/<label>, linked from every notification:
 * what staff acknowledge must be readable exactly as it was. Plain HTML, every string escaped.
 */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

export function policyPage(services: AppServices): RouteModule {
  return {
    register(server: restify.Server) {
      server.get("/policy/:label", async (req, res) => {
        const label = String(req.params.label ?? "");
        const version = /^[A-Za-z0-9._-]{1,40}$/.test(label)
          ? await services.policyVersions.get(label)
          : undefined;
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        res.setHeader("X-Content-Type-Options", "nosniff");
        if (!version) {
          res.writeHead(404);
          res.end(
            `<!doctype html><html lang="en-GB"><title>Not found</title><p>There is no published version "${escapeHtml(label)}".</p></html>`,
          );
          return;
        }
        const m = version.document.meta;
        const body = version.document.sections
          .map(
            (s) =>
              `<h2 id="${escapeHtml(s.id)}">${escapeHtml(s.heading)}</h2>\n${s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}`,
          )
          .join("\n");
        // What changed from the version before it, sentence by sentence: <del> removed, <ins> added.
        const all = await services.policyVersions.all();
        const previous = all[all.findIndex((v) => v.label === version.label) + 1];
        const marks =
          previous && version.publishedBy !== "installation"
            ? sentenceChanges(previous.document, version.document)
            : [];
        const changed = marks.length
          ? `<section aria-label="What changed"><h2>What changed from version ${escapeHtml(previous!.label)}</h2>\n${marks
              .map(
                (m) =>
                  `<h3>${escapeHtml(`${m.kind}: ${m.heading}`)}</h3>\n${m.sentences.map((x) => (x.change === "inserted" ? `<p><ins>${escapeHtml(x.text)}</ins></p>` : `<p><del>${escapeHtml(x.text)}</del></p>`)).join("\n")}`,
              )
              .join("\n")}</section>\n`
          : "";
        res.writeHead(200);
        res.end(
          `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
            `<title>${escapeHtml(m.title)} (version ${escapeHtml(version.label)})</title>` +
            `<style>body{font-family:Segoe UI,system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style></head><body>` +
            `<h1>${escapeHtml(m.title)}</h1><p>Version ${escapeHtml(version.label)}, in force from ${escapeHtml(version.effectiveFrom)}.` +
            `${m.approvedBy ? ` Approved by ${escapeHtml(m.approvedBy)}${m.approvedOn ? ` on ${escapeHtml(m.approvedOn)}` : ""}.` : ""}</p>\n${changed}${body}</body></html>`,
        );
      });
    },
  };
}
