// Under an integration's name in a list: its webhook address (with a copy button) and the last
// error of its polling trigger, shown as text (it may quote a remote's answer).
import { Time } from "@/components/deploy/time";
import { WebhookAddress } from "@/components/integrations/webhook-address";
import type { TriggerStatus } from "@/lib/integrations/trigger-status";

/** Without `addressLabel`, the address is left out (the editor shows it). */
export function TriggerStatusLines({ status, addressLabel }: { status: TriggerStatus; addressLabel?: string }) {
  return (
    <>
      {status.webhookAddress && addressLabel ? (
        <div className="mt-2 w-96 max-w-full">
          <WebhookAddress label={addressLabel} address={status.webhookAddress} />
        </div>
      ) : null}
      {status.lastPollError ? (
        <p className="mt-1 max-w-sm text-xs text-red-700">
          Last poll failed (<Time ms={status.lastPollError.at} />): {status.lastPollError.message}
        </p>
      ) : null}
    </>
  );
}
