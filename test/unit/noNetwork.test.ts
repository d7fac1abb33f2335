import http from "node:http";
import net from "node:net";
import { isLoopback, takeViolations } from "../support/noNetwork";

describe("the no-network guard every test runs under", () => {
  afterEach(() => takeViolations());

  test.each(["192.0.2.10", "login.microsoftonline.com", "10.0.0.5", "::ffff:192.0.2.1"])(
    "when a test connects to %s, then the connection is refused at once",
    (host) => {
      expect(() => net.connect({ host, port: 443 })).toThrow(/no network in tests/);
      expect(takeViolations()).toHaveLength(1);
    },
  );

  test("when a library makes the request, then it throws where the request is made", () => {
    expect(() => http.get("http://graph.microsoft.invalid/v1.0/me")).toThrow(/no network in tests/);
  });

  test("when a test talks to a server on loopback, then it goes through", async () => {
    const server = http.createServer((_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      for (const host of ["127.0.0.1", "localhost"]) {
        const body = await new Promise<string>((resolve, reject) =>
          http
            .get({ host, port, path: "/" }, (res) =>
              res.on("data", (d: Buffer) => resolve(d.toString())),
            )
            .on("error", reject),
        );
        expect(body).toBe("ok");
      }
    } finally {
      server.close();
    }
    expect(takeViolations()).toEqual([]);
  });

  test.each([
    ["127.0.0.1", true],
    ["::1", true],
    ["[::1]", true],
    ["localhost", true],
    ["0.0.0.0", false],
    ["128.0.0.1", false],
  ])("when the host is %s, then loopback is %s", (host, loopback) =>
    expect(isLoopback(host)).toBe(loopback),
  );
});
