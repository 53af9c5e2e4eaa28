// A remote system on loopback whose answers each test scripts: the other end of HTTP request
// steps. It records every request it receives (path, body, arrival time) before answering.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { StepConfig } from "@/lib/integrations/definition";

export type Answer = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;
export type ReceivedRequest = { path: string; body: string; at: number };

export type Remote = {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: ReceivedRequest[];
  /** How it answers the next requests; by default 200 `{"ok":true}`. */
  answer: Answer;
  stop: () => Promise<void>;
};

export const answerOk: Answer = (_req, res) => {
  res.setHeader("content-type", "application/json");
  res.end('{"ok":true}');
};

/** Listens on `port` (0: any free port) of 127.0.0.1. */
export async function startRemote(port = 0): Promise<Remote> {
  const remote: Remote = { url: "", requests: [], answer: answerOk, stop: async () => {} };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      remote.requests.push({ path: req.url ?? "/", body, at: Date.now() });
      remote.answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  remote.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  remote.stop = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return remote;
}

/** An HTTP request › Send request step that POSTs `body` (templates resolved) to `url`. */
export function postStep(url: string, body: string): StepConfig {
  return { id: "post", name: "Tell the remote", connectorKey: "http", actionKey: "send_request", connectionId: null, input: { method: "POST", url, body } };
}
