import { describe, expect, it } from "vitest";
import { dataGroups, newStep, toDefinition, toEditorState, uniqueId, type EditorData } from "@/components/integrations/editor-model";
import { listConnectors, summarizeConnector } from "@/lib/connectors/registry";

const actionSamples = Object.fromEntries(listConnectors().flatMap((c) => c.actions.map((a) => [`${c.key}/${a.key}`, a.sampleOutput])));
const data: EditorData = {
  appId: "app_1",
  integrationId: "int_1",
  name: "Order sync",
  archived: false,
  connectors: listConnectors().map(summarizeConnector),
  connections: [],
  boards: [{ id: "brd_orders", name: "Orders", fields: [{ key: "title", label: "Title" }, { key: "quantity", label: "Quantity" }] }],
  triggerSamples: { "webhook/catch_webhook": { body: { id: 1 }, headers: {}, receivedAt: "2025-01-01T09:00:00.000Z" } },
  actionSamples,
  connectionsHref: "/apps/app_1/builder/connections",
  webhookAddress: "http://localhost:3000/api/hooks/int_1.d.x",
};

describe("the integration editor's model", () => {
  it("offers a board trigger's fields and the outputs of earlier steps only", () => {
    const state = toEditorState({
      trigger: { connectorKey: "kissflow", triggerKey: "new_item", connectionId: "con_1", options: { boardId: "brd_orders" } },
      steps: [
        { id: "formatter", name: "Shout", connectorKey: "utilities", actionKey: "formatter", connectionId: null, input: {} },
        { id: "create_item", name: "Create", connectorKey: "kissflow", actionKey: "create_item", connectionId: "con_1", input: {} },
      ],
    });
    const atSecond = dataGroups(data, state, 1);
    expect(atSecond.map((g) => g.label)).toEqual(["Trigger: New item in board (Orders)", "Step 1: Shout"]);
    expect(atSecond[0].options.slice(0, 3)).toEqual([
      { reference: "trigger.values.title", label: "Title" },
      { reference: "trigger.values.quantity", label: "Quantity" },
      { reference: "trigger.id", label: "Item ID" },
    ]);
    expect(atSecond[1].options).toEqual([{ reference: "steps.formatter.result", label: "result" }]);
    expect(dataGroups(data, state, 0).map((g) => g.label)).toEqual(["Trigger: New item in board (Orders)"]);
  });

  it("offers other triggers' sample output, a few levels deep", () => {
    const state = toEditorState({ trigger: { connectorKey: "webhook", triggerKey: "catch_webhook", connectionId: null, options: {} }, steps: [] });
    expect(dataGroups(data, state, 0)[0].options.map((o) => o.reference)).toEqual(["trigger.body", "trigger.body.id", "trigger.headers", "trigger.receivedAt"]);
  });

  it("names new steps uniquely and strips the editor's keys before saving", () => {
    expect(uniqueId("create_item", ["create_item", "create_item_2"])).toBe("create_item_3");
    expect(uniqueId("2 Fancy-Name!", [])).toBe("fancy_name");
    const step = newStep(["step_1"]);
    expect(step.id).toBe("step_2");
    const definition = toDefinition({ trigger: null, steps: [step] });
    expect(definition.steps[0]).not.toHaveProperty("uid");
  });
});
