// Utilities: steps that need no other system (Filter, Formatter, Delay).
import { defineConnector } from "@/lib/connectors/framework";
import { delay } from "@/lib/connectors/utilities/delay";
import { filter } from "@/lib/connectors/utilities/filter";
import { formatter } from "@/lib/connectors/utilities/formatter";

export const utilities = defineConnector({
  key: "utilities",
  name: "Utilities",
  description: "Filter, format and wait.",
  icon: "M14 3l7 7-11 11H3v-7zM12 5l7 7",
  auth: { kind: "none" },
  triggers: [],
  actions: [filter, formatter, delay],
});
