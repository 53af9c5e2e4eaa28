import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "@/lib/apps/apps";
import { createBoard, deleteBoard } from "@/lib/boards/boards";
import { createConnection } from "@/lib/connections/create-connection";
import type { IntegrationDefinition, StepConfig } from "@/lib/integrations/definition";
import { archiveIntegration, createIntegration, getIntegration, saveDefinition } from "@/lib/integrations/integrations";
import { DefinitionError } from "@/lib/integrations/validate-definition";
import { ConflictError } from "@/lib/errors";
import { errorOf } from "../support/fixtures";
import { createItemStep, emailStep, formatterStep, fullDefinition, integrationAccount, kissflowTrigger, type IntegrationAccount } from "./support";

let a: IntegrationAccount;
beforeAll(async () => {
  a = await integrationAccount();
});

let counter = 0;
const newIntegration = () => createIntegration(a.admin, a.app.id, { name: `Order sync ${++counter}` });

/** Saves `definition` into a fresh integration that holds a valid one, expecting a refusal. */
async function refused(definition: unknown) {
  const integration = newIntegration();
  const valid = saveDefinition(a.admin, integration.id, fullDefinition(a));
  const error = await errorOf(() => saveDefinition(a.admin, integration.id, definition));
  expect(error).toBeInstanceOf(DefinitionError);
  // Nothing half-saved: the stored definition is the previous one, untouched.
  const after = getIntegration(a.admin, integration.id);
  expect(after.definition).toEqual(valid.definition);
  expect(after.updatedAt).toBe(valid.updatedAt);
  return error as DefinitionError;
}

const withSteps = (...steps: StepConfig[]): IntegrationDefinition => ({ trigger: kissflowTrigger(a), steps });

describe("saving an integration's definition", () => {
  it("saves a valid definition whole: trigger, formatter, create item and email", () => {
    const integration = newIntegration();
    const saved = saveDefinition(a.admin, integration.id, fullDefinition(a));
    expect(saved.definition).toEqual(fullDefinition(a));
    expect(saved.connectors.map((c) => c.name)).toEqual(["Kissflow", "Utilities", "Email (SMTP)"]);
    expect(saved.trigger).toMatchObject({ name: "Kissflow", triggerName: "New item in board" });
  });

  it("names the step and the field of a missing required input", async () => {
    const error = await refused(withSteps(formatterStep(), emailStep(a, { to: "  ", text: "Hello {{steps.shout.result}}" })));
    expect(error.fieldErrors).toEqual({ "steps.1.input.to": "To is required." });
    expect(error.problems).toEqual(["Step 2 (Send email): To is required."]);
    expect(error.message).toBe("Step 2 (Send email): To is required.");
  });

  it("refuses a reference to a step that does not exist, comes later, or is the step itself", async () => {
    const missing = await refused(withSteps(formatterStep("shout", "{{steps.nowhere.result}}")));
    expect(missing.fieldErrors["steps.0.input.value"]).toBe('{{steps.nowhere.result}} refers to a step "nowhere" that does not exist.');
    const later = await refused(withSteps(formatterStep("shout", "{{steps.create_invoice.id}}"), createItemStep(a)));
    expect(later.fieldErrors["steps.0.input.value"]).toContain('reads step "create_invoice", which does not come before this step');
    const self = await refused(withSteps(formatterStep("shout", "{{steps.shout.result}}")));
    expect(self.fieldErrors["steps.0.input.value"]).toContain("does not come before this step");
    const noOutput = await refused(withSteps(formatterStep(), createItemStep(a, '{"title": "{{steps.shout.nope}}"}')));
    expect(noOutput.fieldErrors["steps.1.input.values"]).toBe('{{steps.shout.nope}}: step "shout" has no output "nope".');
  });

  it("refuses a reference to a trigger field the trigger does not offer", async () => {
    const field = await refused(withSteps(formatterStep("shout", "{{trigger.values.colour}}")));
    expect(field.fieldErrors["steps.0.input.value"]).toBe('{{trigger.values.colour}}: the board has no field "colour".');
    const top = await refused(withSteps(formatterStep("shout", "Hi {{trigger.name}}")));
    expect(top.fieldErrors["steps.0.input.value"]).toBe('{{trigger.name}}: the trigger has no field "name".');
    // Other triggers offer the top-level keys of their sample output.
    const webhook: IntegrationDefinition = { trigger: { connectorKey: "webhook", triggerKey: "catch_webhook", connectionId: null, options: {} }, steps: [formatterStep("shout", "{{trigger.body.email}} {{trigger.receivedAt}}")] };
    const integration = newIntegration();
    expect(saveDefinition(a.admin, integration.id, webhook).definition).toEqual(webhook);
    const wrong = await refused({ ...webhook, steps: [formatterStep("shout", "{{trigger.payload}}")] });
    expect(wrong.fieldErrors["steps.0.input.value"]).toBe('{{trigger.payload}}: the trigger has no field "payload".');
    const none = await refused({ trigger: null, steps: [formatterStep()] });
    expect(none.fieldErrors["steps.0.input.value"]).toBe("{{trigger.values.name}} reads the trigger, but there is no trigger yet.");
  });

  it("refuses a connection of another connector, of Production, deleted, or of another account", async () => {
    const wrongConnector = await refused(withSteps(formatterStep(), { ...createItemStep(a), connectionId: a.smtp.id }));
    expect(wrongConnector.fieldErrors).toEqual({ "steps.1.connectionId": '"Mail dev" is a Email (SMTP) connection, not a Kissflow one.' });
    expect(wrongConnector.problems).toEqual(['Step 2 (Create invoice): "Mail dev" is a Email (SMTP) connection, not a Kissflow one.']);

    const production = createConnection(a.admin, { name: "Kissflow prod", connectorKey: "kissflow", environment: "production" });
    const prod = await refused({ ...fullDefinition(a), trigger: { ...kissflowTrigger(a)!, connectionId: production.id } });
    expect(prod.fieldErrors["trigger.connectionId"]).toBe('"Kissflow prod" is a Production connection: the app builder uses Development connections.');

    const missing = await refused(withSteps(formatterStep(), { ...createItemStep(a), connectionId: "con_doesnotexist" }));
    expect(missing.fieldErrors["steps.1.connectionId"]).toBe("This connection does not exist (it may have been deleted): choose another.");

    const other = await integrationAccount("Other Co");
    const foreign = await refused(withSteps(formatterStep(), { ...createItemStep(a), connectionId: other.kissflow.id }));
    expect(foreign.fieldErrors["steps.1.connectionId"]).toBe("This connection does not exist (it may have been deleted): choose another.");

    const none = await refused(withSteps(formatterStep(), { ...createItemStep(a), connectionId: null }));
    expect(none.fieldErrors["steps.1.connectionId"]).toBe("Choose a Kissflow connection.");
    const needless = await refused(withSteps({ ...formatterStep(), connectionId: a.smtp.id }));
    expect(needless.fieldErrors["steps.0.connectionId"]).toBe("Utilities needs no connection.");
  });

  it("refuses a trigger board that was deleted, belongs to another app, or is not chosen", async () => {
    const doomed = createBoard(a.admin, a.app.id, { name: "Doomed" });
    const integration = newIntegration();
    saveDefinition(a.admin, integration.id, { trigger: kissflowTrigger(a, doomed.id), steps: [] });
    deleteBoard(a.admin, doomed.id);
    const deleted = await errorOf(() => saveDefinition(a.admin, integration.id, { trigger: kissflowTrigger(a, doomed.id), steps: [] }));
    expect((deleted as DefinitionError).fieldErrors).toEqual({ "trigger.options.boardId": "This board is not one of this app's boards (it may have been deleted): choose another." });
    expect((deleted as DefinitionError).problems).toEqual(["Trigger: This board is not one of this app's boards (it may have been deleted): choose another."]);

    const otherApp = createApp(a.admin, { name: "Other app" });
    const otherBoard = createBoard(a.admin, otherApp.id, { name: "Elsewhere" });
    const foreign = await refused({ ...fullDefinition(a), trigger: kissflowTrigger(a, otherBoard.id) });
    expect(foreign.fieldErrors["trigger.options.boardId"]).toContain("is not one of this app's boards");

    const empty = await refused({ ...fullDefinition(a), trigger: kissflowTrigger(a, "") });
    expect(empty.fieldErrors["trigger.options.boardId"]).toBe("Board ID is required.");
  });

  it("refuses unknown connectors, triggers, actions and inputs, and duplicate step IDs", async () => {
    const connector = await refused({ trigger: { ...kissflowTrigger(a)!, connectorKey: "nope" }, steps: [] });
    expect(connector.fieldErrors).toEqual({ "trigger.connectorKey": 'There is no connector "nope".' });
    const trigger = await refused({ trigger: { ...kissflowTrigger(a)!, triggerKey: "item_deleted" }, steps: [] });
    expect(trigger.fieldErrors).toEqual({ "trigger.triggerKey": 'Kissflow has no trigger "item_deleted".' });
    const action = await refused(withSteps({ ...formatterStep(), actionKey: "teleport" }));
    expect(action.fieldErrors).toEqual({ "steps.0.actionKey": 'Utilities has no action "teleport".' });
    const input = await refused(withSteps({ ...formatterStep(), input: { ...formatterStep().input, colour: "red" } }));
    expect(input.fieldErrors).toEqual({ "steps.0.input.colour": 'Formatter has no input "colour".' });
    const duplicate = await refused(withSteps(formatterStep(), { ...formatterStep(), name: "Again" }));
    expect(duplicate.fieldErrors).toEqual({ "steps.1.id": 'Another step already has the ID "shout": each step needs its own.' });
    const shape = await refused({ trigger: null, steps: [{ ...formatterStep(), id: "Bad ID" }] });
    expect(shape.fieldErrors["steps.0.id"]).toBe("A step ID is lower-case letters, digits and _ (starting with a letter).");
    expect(shape.problems[0]).toMatch(/^Step 1 \(Shout the name\): /);
  });

  it("checks literal inputs with the action's own rules, and where references may be used", async () => {
    const email = await refused(withSteps(formatterStep(), createItemStep(a), emailStep(a, { to: "not an address" })));
    expect(email.fieldErrors).toEqual({ "steps.2.input.to": "To must be email addresses separated by commas." });
    const json = await refused(withSteps(formatterStep(), createItemStep(a, '{"title": {{steps.shout.result}}}')));
    expect(json.fieldErrors["steps.1.input.values"]).toContain("Values: This is not valid JSON");
    const unclosed = await refused(withSteps(formatterStep("shout", "{{trigger.values.name")));
    expect(unclosed.fieldErrors["steps.0.input.value"]).toContain("is not closed: end it with }}.");
    const filter: StepConfig = { id: "only_big", name: "Only big", connectorKey: "utilities", actionKey: "filter", connectionId: null, input: { field: "{{trigger.values.amount}}", operator: "{{trigger.values.name}}", value: "100" } };
    const notMappable = await refused(withSteps(filter));
    expect(notMappable.fieldErrors).toEqual({ "steps.0.input.operator": "Condition cannot use data references: choose or type a value." });
    const badChoice = await refused(withSteps({ ...filter, input: { ...filter.input, operator: "resembles" } }));
    expect(badChoice.fieldErrors["steps.0.input.operator"]).toBe("Choose one of the Condition options.");
    const options = await refused({ trigger: { ...kissflowTrigger(a)!, options: { boardId: "{{trigger.id}}" } }, steps: [] });
    expect(options.fieldErrors["trigger.options.boardId"]).toContain("Trigger options cannot use data references");
  });

  it("reports every problem at once, each under its own field", async () => {
    const error = await refused({ trigger: kissflowTrigger(a, "brd_gone"), steps: [formatterStep("shout", "{{steps.later.x}}"), emailStep(a, { to: "", subject: "" }, "later")] });
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["steps.0.input.value", "steps.1.input.subject", "steps.1.input.text", "steps.1.input.to", "trigger.options.boardId"]);
    expect(error.problems).toHaveLength(5);
  });

  it("refuses to edit an archived integration until it is restored", async () => {
    const integration = newIntegration();
    archiveIntegration(a.admin, integration.id);
    const error = await errorOf(() => saveDefinition(a.admin, integration.id, fullDefinition(a)));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe(`"${integration.name}" is archived: restore it before editing it.`);
    expect(getIntegration(a.admin, integration.id).definition).toEqual({ trigger: null, steps: [] });
  });
});
