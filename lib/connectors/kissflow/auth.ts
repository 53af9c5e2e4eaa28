// How a Kissflow connection is checked. SPEC §3 rule 3: a Production connection needs Production
// credentials (and a Development one Development credentials); the Account ID's `-dev` suffix
// tells before any call, `whoami` tells for sure, and a key of the other environment gets a 403
// from the API, which is turned into the same message.
import type { EnvironmentKind } from "@/db/schema";
import { ConnectorError, type ConnectionContext, type FieldsConnectorAuth, type EnvironmentInfo, type PropField } from "@/lib/connectors/framework";
import { kissflowCredentialsSchema, kissflowRequest, type KissflowCredentials } from "@/lib/connectors/kissflow/client";

const LABEL: Record<EnvironmentKind, string> = { production: "Production", development: "Development" };
const KEYS_PAGE = "My settings > Security settings > API authentication";

type WhoAmI = { user: { name: string }; account: { id: string; name: string }; environment: EnvironmentKind };

export const kissflowFields: PropField[] = [
  { key: "accountId", label: "Account ID", type: "text", required: true, placeholder: "AcX7k2p9", hint: `Shown under ${KEYS_PAGE}.` },
  { key: "accountDomain", label: "Account domain", type: "text", required: true, placeholder: "acme.example.com" },
  { key: "accessKeyId", label: "Access key ID", type: "text", required: true },
  { key: "accessKeySecret", label: "Access key secret", type: "password", required: true, secret: true },
];

/** Credentials of the other environment: refused before anything is stored. */
class WrongEnvironmentError extends ConnectorError {}

function wrongEnvironment(environment: EnvironmentInfo, why: string, field?: keyof KissflowCredentials): ConnectorError {
  const wanted = LABEL[environment.kind];
  const message =
    `${wanted} credentials are needed for a ${wanted} connection: ${why} ` +
    `Use the ${wanted} Account ID and an access key created under ${KEYS_PAGE} of the ${wanted} environment.`;
  return new WrongEnvironmentError(message, field ? { fieldErrors: { [field]: `Use the ${wanted} Account ID.` } } : {});
}

async function whoami(ctx: ConnectionContext<KissflowCredentials>): Promise<WhoAmI> {
  try {
    return (await kissflowRequest(ctx, "whoami")) as unknown as WhoAmI;
  } catch (error) {
    if (error instanceof ConnectorError && error.status === 403) {
      throw wrongEnvironment(ctx.environment, "this access key belongs to the other environment.");
    }
    if (error instanceof ConnectorError && error.status === 401) {
      throw new ConnectorError(`The access key was refused: ${error.message} Check the Access key ID and the Access key secret.`, { status: 401 });
    }
    throw error;
  }
}

function assertEnvironment(ctx: ConnectionContext<KissflowCredentials>, who: WhoAmI): void {
  if (who.environment !== ctx.environment.kind) {
    throw wrongEnvironment(ctx.environment, `these credentials are ${LABEL[who.environment] ?? who.environment} ones.`);
  }
}

export const kissflowAuth: FieldsConnectorAuth<KissflowCredentials> = {
  kind: "fields",
  fields: kissflowFields,
  schema: kissflowCredentialsSchema,
  async validate(ctx) {
    const devId = ctx.credentials.accountId.endsWith("-dev");
    if (ctx.environment.kind === "production" && devId) {
      throw wrongEnvironment(ctx.environment, `${ctx.credentials.accountId} is a Development Account ID.`, "accountId");
    }
    if (ctx.environment.kind === "development" && !devId) {
      throw wrongEnvironment(ctx.environment, `${ctx.credentials.accountId} is not a Development Account ID (those end in -dev).`, "accountId");
    }
    let who: WhoAmI;
    try {
      who = await whoami(ctx);
    } catch (error) {
      // A wrong secret or an unreachable domain is not a wrong environment: the test that runs
      // once the credentials are stored reports it, and the connection shows as Failed.
      if (error instanceof WrongEnvironmentError) throw error;
      return;
    }
    assertEnvironment(ctx, who);
  },
  async test(ctx) {
    const who = await whoami(ctx);
    assertEnvironment(ctx, who);
    return { message: `Connected as ${who.user.name} (${LABEL[who.environment]}, ${who.account.id})` };
  },
};
