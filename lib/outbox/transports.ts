import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { sendViaProvider } from '../providers/sendViaProvider';
import { CallbackClient } from '../rapidpro/CallbackClient';
import { sendSms } from '../sms/sendSms';
import { Delivery, DeliveryOutcome } from './OutboxItem';

type Transport<D extends Delivery> = (delivery: D, context: AppContext) => Promise<DeliveryOutcome>;

/** One transport per kind of delivery, by name; each returns an outcome and never throws. */
const transports: { [K in Delivery['transport']]: Transport<Extract<Delivery, { transport: K }>> } = {
    'rapidpro-callback': async (delivery, { read, http }) => {
        const settings = new SettingsReader(read);
        const [url, secret, timeoutMs] = await Promise.all([settings.callbackUrl(), settings.appSecret(), settings.requestTimeoutMs()]);
        return new CallbackClient(http).post({ url, secret, timeoutMs }, delivery.body);
    },
    'messagegate': sendSms,
    'provider': sendViaProvider,
};

export function deliver(delivery: Delivery, context: AppContext): Promise<DeliveryOutcome> {
    return (transports[delivery.transport] as Transport<Delivery>)(delivery, context);
}
