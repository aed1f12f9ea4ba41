import { AppContext } from '../AppContext';
import { log } from '../log';
import { GatewayEvent } from '../messagegate/webhookEvents';
import { DeliveryStatuses } from './deliveryStatus';
import { receiveInbound } from './receiveInbound';

export type EventOutcome = 'accepted' | 'duplicate' | 'ignored';

/** One webhook event of the gateway: a contact's SMS/MMS into its room, a delivery state onto its note. */
export async function handleGatewayEvent(context: AppContext, event: GatewayEvent): Promise<EventOutcome> {
    let outcome: EventOutcome;
    if (event.kind === 'sms' || event.kind === 'mms') {
        outcome = await receiveInbound(context, event);
    } else if (event.kind === 'status') {
        // A state is idempotent (it only ever moves forward), so a repeated delivery needs no bookkeeping.
        await new DeliveryStatuses(context).report(event.messageId, event.state, event.reason);
        outcome = 'accepted';
    } else {
        outcome = 'ignored';
    }
    context.logger.info(log.webhookAccepted(event.kind === 'ignored' ? event.event : event.kind, event.envelopeId, outcome));
    return outcome;
}
