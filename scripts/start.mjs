// `npm start`: build when the sources changed, then serve on PORT (default 3000). The server
// migrates the database and generates its secrets into the data folder on first start.
import { build, needsBuild, spawnServer } from "./server-process.mjs";

if (needsBuild()) {
  console.log("Building the app (first start, or the sources changed)…");
  build();
}
const port = Number(process.env.PORT || 3000);
const server = spawnServer({ port, host: process.env.HOST || "0.0.0.0" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
