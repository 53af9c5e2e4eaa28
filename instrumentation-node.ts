// Server start-up: open and migrate the database and make sure the generated secrets exist, so
// a broken data folder stops the server at once with a clear message instead of at first request.
import { getHandle } from "@/db/client";
import { authSecret, dataDir, encryptionKeyMaterial } from "@/lib/config";

const handle = getHandle();
authSecret();
encryptionKeyMaterial();
console.log(`Data folder ${dataDir()}; database ${handle.path} migrated.`);
