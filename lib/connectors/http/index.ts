// HTTP request: call any API, with the credentials of a connection (none, API key, Bearer, Basic),
// and poll one for new items.
import { defineConnector } from "@/lib/connectors/framework";
import { httpAuth, type HttpCredentials } from "@/lib/connectors/http/auth";
import { pollNewItems } from "@/lib/connectors/http/poll-new-items";
import { sendRequest } from "@/lib/connectors/http/send-request";

export const http = defineConnector<HttpCredentials>({
  key: "http",
  name: "HTTP request",
  description: "Call any HTTP API.",
  icon: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM4 12h16M12 2c3 3 3 17 0 20M12 2c-3 3-3 17 0 20",
  auth: httpAuth,
  triggers: [pollNewItems],
  actions: [sendRequest],
});
