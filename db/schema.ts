// The whole data model, one module per concept. Times are integers (milliseconds since the epoch)
// everywhere, so the PostgreSQL dialect can map them to bigint without conversions.
export * from "./schema/accounts";
export * from "./schema/apps";
export * from "./schema/connections";
export * from "./schema/integrations";
export * from "./schema/runs";
