// A loopback API protected by the test provider's access tokens: it accepts a bearer token only
// while the provider's introspection says it is active, as a real resource server would.
import http from "node:http";

export type TestResourceServer = {
  /** Answers 200 with `{ ok: true }` to an active token, 401 otherwise. */
  url: string;
  /** Answers 401 whatever the token: a resource that never accepts this connection. */
  alwaysRefusingUrl: string;
  /** The bearer tokens of every request received, in order. */
  tokensSeen: string[];
  stop(): Promise<void>;
};

export async function startResourceServer({
  port,
  introspect,
}: {
  port: number;
  introspect: (accessToken: string) => Promise<boolean>;
}): Promise<TestResourceServer> {
  const tokensSeen: string[] = [];
  const refuse = (res: http.ServerResponse) => {
    res.writeHead(401, { "www-authenticate": 'Bearer error="invalid_token"', "content-type": "application/json" });
    res.end(JSON.stringify({ error: "invalid_token" }));
  };
  const server = http.createServer((req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    tokensSeen.push(token ?? "");
    if (!token || req.url === "/always-401") return refuse(res);
    introspect(token).then(
      (active) => {
        if (!active) return refuse(res);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: true }));
      },
      (error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url: `${url}/`,
    alwaysRefusingUrl: `${url}/always-401`,
    tokensSeen,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
