// Stops early, with one clear line, when the Node running npm scripts is too old for the app.
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(
    `This app needs Node 22 or newer; npm scripts are running Node ${process.versions.node}. ` +
      "Run `npm install` (it installs the pinned Node 24 on Linux) or install Node 24 (see .nvmrc).",
  );
  process.exit(1);
}
