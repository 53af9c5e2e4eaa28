import { beforeAll, describe, expect, it } from "vitest";
import { integrations } from "@/db/schema";
import { getConnection } from "@/lib/connections/connection-view";
import { deleteConnection } from "@/lib/connections/delete-connection";
import { integrationsUsing, usedInCount } from "@/lib/connections/usage";
import {
  archiveIntegration,
  copyName,
  createIntegration,
  duplicateIntegration,
  getIntegration,
  listIntegrations,
  renameIntegration,
  restoreIntegration,
  saveDefinition,
} from "@/lib/integrations/integrations";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { countRows, errorOf, newUser } from "../support/fixtures";
import { formatterStep, fullDefinition, integrationAccount, type IntegrationAccount } from "./support";

let a: IntegrationAccount;
beforeAll(async () => {
  a = await integrationAccount();
});

describe("integrations of an app", () => {
  it("creates an integration with an empty definition, active", () => {
    const created = createIntegration(a.admin, a.app.id, { name: "  Order sync  " });
    expect(created).toMatchObject({ name: "Order sync", appId: a.app.id, state: "active", definition: { trigger: null, steps: [] }, trigger: null, connectors: [] });
    expect(listIntegrations(a.admin, a.app.id).map((i) => i.name)).toContain("Order sync");
  });

  it("refuses an empty name, and a name another integration of the app has", async () => {
    const before = countRows(integrations);
    expect(((await errorOf(() => createIntegration(a.admin, a.app.id, { name: " " }))) as ValidationError).fieldErrors).toEqual({ name: "Integration name is required." });
    createIntegration(a.admin, a.app.id, { name: "Invoices out" });
    const taken = await errorOf(() => createIntegration(a.admin, a.app.id, { name: "invoices OUT" }));
    expect(taken).toBeInstanceOf(ConflictError);
    expect((taken as ConflictError).fieldErrors).toEqual({ name: "This name is already used in this app." });
    expect(countRows(integrations)).toBe(before + 1);
  });

  it("renames an integration, refusing a name already used", async () => {
    const integration = createIntegration(a.admin, a.app.id, { name: "Old name" });
    expect(renameIntegration(a.admin, integration.id, { name: "New name" }).name).toBe("New name");
    createIntegration(a.admin, a.app.id, { name: "Taken name" });
    expect(await errorOf(() => renameIntegration(a.admin, integration.id, { name: "Taken name" }))).toBeInstanceOf(ConflictError);
    // Its own name, in another case, is fine.
    expect(renameIntegration(a.admin, integration.id, { name: "NEW NAME" }).name).toBe("NEW NAME");
  });

  it("duplicates the whole definition as an active \"Copy of …\" with a name unique in the app", () => {
    const original = createIntegration(a.admin, a.app.id, { name: "Order sync to invoices" });
    saveDefinition(a.admin, original.id, fullDefinition(a));
    archiveIntegration(a.admin, original.id);
    const copy = duplicateIntegration(a.admin, original.id);
    expect(copy).toMatchObject({ name: "Copy of Order sync to invoices", state: "active", definition: fullDefinition(a), appId: a.app.id });
    expect(copy.id).not.toBe(original.id);
    expect(duplicateIntegration(a.admin, original.id).name).toBe("Copy of Order sync to invoices (2)");
    expect(duplicateIntegration(a.admin, copy.id).name).toBe("Copy of Copy of Order sync to invoices");
    expect(getIntegration(a.admin, original.id).state).toBe("archived");
  });

  it("keeps copy names within the name limit", () => {
    const long = "x".repeat(100);
    expect(copyName(long, [])).toHaveLength(100);
    expect(copyName(long, [copyName(long, [])])).toMatch(/ \(2\)$/);
    expect(copyName(long, [copyName(long, [])])).toHaveLength(100);
  });

  it("archives and restores, and lists both states", () => {
    const integration = createIntegration(a.admin, a.app.id, { name: "Seasonal" });
    expect(archiveIntegration(a.admin, integration.id).state).toBe("archived");
    expect(archiveIntegration(a.admin, integration.id).state).toBe("archived");
    expect(listIntegrations(a.admin, a.app.id).find((i) => i.id === integration.id)?.state).toBe("archived");
    expect(restoreIntegration(a.admin, integration.id).state).toBe("active");
  });
});

describe("who may do what", () => {
  it("lets members read integrations but not change them; builders change them", async () => {
    const member = await newUser(a.admin, "member");
    const builder = await newUser(a.admin, "builder");
    const integration = createIntegration(builder, a.app.id, { name: "Built by a builder" });
    expect(listIntegrations(member, a.app.id).some((i) => i.id === integration.id)).toBe(true);
    expect(getIntegration(member, integration.id).name).toBe("Built by a builder");
    for (const attempt of [
      () => createIntegration(member, a.app.id, { name: "Nope" }),
      () => renameIntegration(member, integration.id, { name: "Nope" }),
      () => duplicateIntegration(member, integration.id),
      () => archiveIntegration(member, integration.id),
      () => restoreIntegration(member, integration.id),
      () => saveDefinition(member, integration.id, fullDefinition(a)),
    ]) {
      const error = await errorOf(attempt);
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as Error).message).toMatch(/^Only a builder or an admin can /);
    }
    expect(saveDefinition(builder, integration.id, fullDefinition(a)).definition).toEqual(fullDefinition(a));
  });

  it("treats another account's apps and integrations as not found", async () => {
    const other = await integrationAccount("Other Co");
    const theirs = createIntegration(other.admin, other.app.id, { name: "Theirs" });
    for (const attempt of [
      () => listIntegrations(a.admin, other.app.id),
      () => createIntegration(a.admin, other.app.id, { name: "Intruder" }),
      () => getIntegration(a.admin, theirs.id),
      () => renameIntegration(a.admin, theirs.id, { name: "Mine now" }),
      () => duplicateIntegration(a.admin, theirs.id),
      () => archiveIntegration(a.admin, theirs.id),
      () => restoreIntegration(a.admin, theirs.id),
      () => saveDefinition(a.admin, theirs.id, fullDefinition(a)),
      () => getIntegration(a.admin, "int_doesnotexist"),
    ]) {
      expect(await errorOf(attempt)).toBeInstanceOf(NotFoundError);
    }
    expect(getIntegration(other.admin, theirs.id)).toMatchObject({ name: "Theirs", definition: { trigger: null, steps: [] } });
  });
});

describe("connections used by integrations", () => {
  it("counts the Development integrations, active and archived, that use a connection", async () => {
    const b = await integrationAccount("Usage Co");
    expect(usedInCount(b.kissflow.id)).toBe(0);
    const first = createIntegration(b.admin, b.app.id, { name: "First" });
    saveDefinition(b.admin, first.id, fullDefinition(b));
    // Trigger and a step use the Kissflow connection: one integration, counted once.
    expect(usedInCount(b.kissflow.id)).toBe(1);
    expect(usedInCount(b.smtp.id)).toBe(1);
    const copy = duplicateIntegration(b.admin, first.id);
    archiveIntegration(b.admin, copy.id);
    expect(usedInCount(b.kissflow.id)).toBe(2);
    expect(integrationsUsing(b.kissflow.id).map((use) => [use.name, use.state, use.environment])).toEqual([
      ["Copy of First", "archived", "development"],
      ["First", "active", "development"],
    ]);
    expect(getConnection(b.admin, b.kissflow.id).usedInCount).toBe(2);

    const deletion = await errorOf(() => deleteConnection(b.admin, b.smtp.id));
    expect(deletion).toBeInstanceOf(ConflictError);
    expect((deletion as Error).message).toBe('"Mail dev" is used in 2 integrations: change those first, then delete it.');

    saveDefinition(b.admin, first.id, { trigger: null, steps: [formatterStep("shout", "text")] });
    restoreIntegration(b.admin, copy.id);
    saveDefinition(b.admin, copy.id, { trigger: null, steps: [] });
    expect(usedInCount(b.kissflow.id)).toBe(0);
    expect(usedInCount(b.smtp.id)).toBe(0);
    deleteConnection(b.admin, b.smtp.id);
  });
});
