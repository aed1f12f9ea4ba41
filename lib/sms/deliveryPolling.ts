import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { log } from '../log';
import { GatewayClient } from '../messagegate/GatewayClient';
import { DeliveryStatuses, isFinal } from './deliveryStatus';

export const DELIVERY_POLL_PROCESSOR = 'sms-delivery-poll';

export interface DeliveryPollJob {
    messageId: string;
    poll: number;
}

/** Minutes before each poll: quick at first (a webhook may simply be late), then hourly up to about a day. */
const POLL_DELAYS_MINUTES = [1, 2, 5, 10, 30, ...Array<number>(23).fill(60)];

/** Asks the gateway for the state of an SMS, in case its webhook never comes. */
export async function scheduleDeliveryPoll(context: AppContext, messageId: string, poll = 0): Promise<boolean> {
    if (poll >= POLL_DELAYS_MINUTES.length) {
        return false;
    }
    const when = new Date(Date.now() + POLL_DELAYS_MINUTES[poll] * 60 * 1000).toISOString();
    const data: DeliveryPollJob = { messageId, poll };
    await context.modify.getScheduler().scheduleOnce({ id: DELIVERY_POLL_PROCESSOR, when, data });
    return true;
}

/** One poll: the state is read unless a webhook already brought a final one, and the next poll is scheduled while none is final. */
export async function pollDelivery(context: AppContext, { messageId, poll }: DeliveryPollJob): Promise<void> {
    const statuses = new DeliveryStatuses(context);
    const known = await statuses.get(messageId);
    if (!known || isFinal(known)) {
        return;
    }
    const gateway = await new SettingsReader(context.read).gateway();
    const current = gateway ? await new GatewayClient(context.http, gateway).state(messageId) : undefined;
    if (current) {
        await statuses.report(messageId, current.state, current.reason);
    }
    const after = await statuses.get(messageId);
    if (after && !isFinal(after) && !(await scheduleDeliveryPoll(context, messageId, poll + 1))) {
        context.logger.warn(log.deliveryPollGaveUp(messageId, after.state));
    }
}
