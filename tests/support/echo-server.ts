// A loopback remote that repeats every request back, credentials included, as careless APIs do in
// their error messages: `/accept…` answers 200 with the request as JSON, anything under
// `/api/v1/` 401 (a Kissflow-style API refusing a key), anything else 400. Every error comes as
// `{"error":{"message"}}`, the shape connectors quote in their own messages.
import http from "node:http";

export type EchoServer = { url: string; host: string; stop: () => Promise<void> };

function requestAsText(req: http.IncomingMessage): string {
  return `${req.method} ${req.url} ${JSON.stringify(req.headers)}`;
}

export async function startEchoServer(port: number): Promise<EchoServer> {
  const server = http.createServer((req, res) => {
    req.resume();
    const path = req.url ?? "/";
    const [status, body] = path.startsWith("/accept")
      ? [200, { youSent: requestAsText(req) }]
      : [path.startsWith("/api/v1/") ? 401 : 400, { error: { message: `Refused ${requestAsText(req)}` } }];
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const host = `127.0.0.1:${port}`;
  return {
    url: `http://${host}`,
    host,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
