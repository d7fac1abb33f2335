import { TAB_HOSTS, tabSecurityHeaders } from "../../../src/http/server";

function frameAncestors(localMode: boolean): string[] {
  const csp = tabSecurityHeaders(localMode)["Content-Security-Policy"]!;
  const directive = csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("frame-ancestors "));
  return directive!.split(/\s+/).slice(1);
}

describe("the tab's security headers", () => {
  test("when deployed, then only the Teams and Microsoft 365 hosts may frame the tab", () => {
    expect(frameAncestors(false)).toEqual([
      "https://teams.microsoft.com",
      "https://*.teams.microsoft.com",
      "https://*.cloud.microsoft",
      "https://outlook.office.com",
      "https://*.office.com",
      "https://*.microsoft365.com",
      "https://*.office365.com",
    ]);
  });

  test("when running locally, then this machine may frame it too", () => {
    expect(frameAncestors(true)).toEqual([
      ...TAB_HOSTS,
      "http://localhost:*",
      "http://127.0.0.1:*",
    ]);
  });

  test("when served, then scripts are same-origin only and content types are not sniffed", () => {
    const headers = tabSecurityHeaders(false);
    expect(headers["Content-Security-Policy"]).toMatch(/script-src 'self'[^;]*;/);
    expect(headers["Content-Security-Policy"]).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
  });
});
