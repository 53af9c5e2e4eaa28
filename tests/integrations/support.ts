// Integrations built through the services: an account whose app has two boards ("Orders" with
// name/amount fields, "Invoices" with title/total) and a Development Kissflow and SMTP connection.
import { createApp } from "@/lib/apps/apps";
import { addField, boardOfAccount, createBoard } from "@/lib/boards/boards";
import { createConnection } from "@/lib/connections/create-connection";
import type { IntegrationDefinition, StepConfig } from "@/lib/integrations/definition";
import { newAccount } from "../support/fixtures";

export async function integrationAccount(companyName = "Acme") {
  const { admin, accountId, email } = await newAccount(companyName);
  const app = createApp(admin, { name: "Orders app" });
  const orders = createBoard(admin, app.id, { name: "Orders" });
  addField(admin, orders.id, { label: "Name", type: "text", required: true });
  addField(admin, orders.id, { label: "Amount", type: "number" });
  const invoices = createBoard(admin, app.id, { name: "Invoices" });
  addField(admin, invoices.id, { label: "Title", type: "text", required: true });
  addField(admin, invoices.id, { label: "Total", type: "number" });
  const kissflow = createConnection(admin, { name: "Kissflow dev", connectorKey: "kissflow", environment: "development" });
  const smtp = createConnection(admin, { name: "Mail dev", connectorKey: "email", environment: "development" });
  return { admin, accountId, email, app, orders: boardOfAccount(admin, orders.id), invoices: boardOfAccount(admin, invoices.id), kissflow, smtp };
}

export type IntegrationAccount = Awaited<ReturnType<typeof integrationAccount>>;

export function kissflowTrigger(a: IntegrationAccount, boardId = a.orders.id): IntegrationDefinition["trigger"] {
  return { connectorKey: "kissflow", triggerKey: "new_item", connectionId: a.kissflow.id, options: { boardId } };
}

export function formatterStep(id = "shout", value = "{{trigger.values.name}}"): StepConfig {
  return { id, name: "Shout the name", connectorKey: "utilities", actionKey: "formatter", connectionId: null, input: { operation: "text_upper", value } };
}

export function createItemStep(a: IntegrationAccount, values = '{"title": "{{steps.shout.result}}", "total": "{{trigger.values.amount}}"}', id = "create_invoice"): StepConfig {
  return { id, name: "Create invoice", connectorKey: "kissflow", actionKey: "create_item", connectionId: a.kissflow.id, input: { boardId: a.invoices.id, values } };
}

export function emailStep(a: IntegrationAccount, input: Record<string, string> = {}, id = "notify"): StepConfig {
  return {
    id,
    name: "Send email",
    connectorKey: "email",
    actionKey: "send_email",
    connectionId: a.smtp.id,
    input: { to: "ops@acme.test", subject: "New order {{trigger.values.name}}", text: "Invoice {{steps.create_invoice.id}}", ...input },
  };
}

/** New item in Orders → upper-case the name → create an Invoice → email. */
export function fullDefinition(a: IntegrationAccount): IntegrationDefinition {
  return { trigger: kissflowTrigger(a), steps: [formatterStep(), createItemStep(a), emailStep(a)] };
}
