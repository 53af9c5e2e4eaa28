import type { EnvironmentKind } from "@/db/schema";

export type BoardTarget = { env: EnvironmentKind; appId: string; boardId: string };

/** Where a board's items are shown: the app in Production, the app builder in Development. */
export function boardPath(target: BoardTarget): string {
  return target.env === "production"
    ? `/apps/${target.appId}/boards/${target.boardId}`
    : `/apps/${target.appId}/builder/boards/${target.boardId}`;
}

/** The Connections list of an environment, as reached from an app. */
export function connectionsPath(env: EnvironmentKind, appId: string): string {
  return env === "production" ? `/apps/${appId}/manage/integrations/connections` : `/apps/${appId}/builder/connections`;
}

/** Run history of an environment: Manage > Integrations > Run history, or Logic > Run history in the builder. */
export function runHistoryPath(env: EnvironmentKind, appId: string): string {
  return env === "production" ? `/apps/${appId}/manage/integrations/runs` : `/apps/${appId}/builder/runs`;
}

/** The app builder's Deploy page. */
export function deployPath(appId: string): string {
  return `/apps/${appId}/builder/deploy`;
}
