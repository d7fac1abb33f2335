import {
  parseCampaignQuery,
  parseRowFilter,
  parseRowsRequest,
  parseVersionParam,
} from "../../../src/http/tabQuery";

describe("the tab API's query parameters", () => {
  test("when nothing is given, then rows are everyone by name, first page of 50", () => {
    expect(parseRowsRequest({})).toEqual({
      ok: true,
      value: {
        status: undefined,
        department: undefined,
        search: undefined,
        sort: "name",
        order: "asc",
        page: 1,
        pageSize: 50,
      },
    });
  });

  test("when every parameter is given, then each is read and trimmed", () => {
    const parsed = parseRowsRequest({
      status: "overdue",
      department: " Science ",
      q: " car ",
      sort: "notifiedAt",
      order: "desc",
      page: "3",
      pageSize: "200",
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        status: "overdue",
        department: "Science",
        search: "car",
        sort: "notifiedAt",
        order: "desc",
        page: 3,
        pageSize: 200,
      },
    });
  });

  test("when empty strings are given, then they mean no filter", () => {
    expect(parseRowFilter({ status: "", department: "", q: "  " })).toMatchObject({
      ok: true,
      value: { status: undefined, department: undefined, search: undefined },
    });
  });

  test.each([
    [{ status: "late" }, /status must be one of acknowledged, outstanding, overdue, undeliverable/],
    [{ status: ["overdue", "outstanding"] }, /status must be given once/],
    [{ q: ["a", "b"] }, /q must be given once/],
    [{ sort: "email" }, /sort must be one of name, department, status, acknowledgedAt, notifiedAt/],
    [{ order: "up" }, /order must be asc or desc/],
    [{ page: "0" }, /page must be a whole number from 1 to 100000/],
    [{ page: "2.5" }, /page must be a whole number/],
    [{ page: "-1" }, /page must be a whole number/],
    [{ pageSize: "201" }, /pageSize must be a whole number from 1 to 200/],
    [{ pageSize: "ten" }, /pageSize must be a whole number/],
    [{ q: "x".repeat(101) }, /q must be at most 100 characters/],
    [{ department: "d".repeat(101) }, /department must be at most 100 characters/],
    [{ statu: "overdue" }, /unknown parameter "statu"/],
  ])(
    "when the query is %p, then it is refused with a message naming the parameter",
    (query, message) => {
      const parsed = parseRowsRequest(query);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(message);
    },
  );

  test("when several parameters are bad, then one message names them all", () => {
    const parsed = parseRowsRequest({ sort: "email", page: "0" });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toMatch(/sort/);
      expect(parsed.message).toMatch(/page/);
    }
  });

  test("when an export is asked for with paging, then the paging is refused (an export is every matching row)", () => {
    expect(parseRowFilter({ page: "2" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/unknown parameter "page"/),
    });
  });

  test.each([
    ["2025.09", true],
    ["v2", true],
    ["", false],
    ["../etc", false],
    ["a b", false],
    ["x".repeat(41), false],
  ])("when the version in the path is %p, then accepted is %p", (version, ok) => {
    expect(parseVersionParam(version).ok).toBe(ok);
  });

  test("when the reminder progress names no reminder campaign, then it is refused", () => {
    expect(parseCampaignQuery({})).toMatchObject({
      ok: false,
      message: expect.stringMatching(/campaign is missing/),
    });
    expect(parseCampaignQuery({ campaign: "notice:2025.09" }).ok).toBe(false);
    expect(parseCampaignQuery({ campaign: "remind:2025.09:1" })).toEqual({
      ok: true,
      value: "remind:2025.09:1",
    });
  });
});
