import { AppContext } from '../AppContext';
import { SeenEvents } from '../sms/SeenEvents';

/**
 * A provider may post a message's delivery report before its answer to the send has reached Tickets (so before
 * Tickets knows which reply the provider's id belongs to). Such a report is kept, as a seen event (forgotten
 * after SEEN_EVENTS_KEPT_DAYS), and applied when the answer comes. Both sides run under reportLockKey, so a
 * report cannot slip between the id being recorded and the check for a kept report.
 */
const earlyDelivery = (provider: string, providerId: string) => `provider-delivered:${provider}:${providerId}`;

export const reportLockKey = (provider: string, providerId: string): string => `provider-report:${provider}:${providerId}`;

export async function keepEarlyDelivery(context: Pick<AppContext, 'read' | 'persistence'>, provider: string, providerId: string): Promise<void> {
    await new SeenEvents(context).remember([earlyDelivery(provider, providerId)]);
}

export async function wasDeliveredEarly(context: Pick<AppContext, 'read' | 'persistence'>, provider: string, providerId: string): Promise<boolean> {
    return new SeenEvents(context).anySeen([earlyDelivery(provider, providerId)]);
}
