import { IHttp, IRead } from '@rocket.chat/apps-engine/definition/accessors';

import { SettingsReader } from '../../settings/SettingsReader';
import { CallbackClient } from '../rapidpro/CallbackClient';
import { Delivery, DeliveryOutcome } from './OutboxItem';

export interface TransportContext {
    read: IRead;
    http: IHttp;
}

type Transport<D extends Delivery> = (delivery: D, context: TransportContext) => Promise<DeliveryOutcome>;

/** One transport per kind of delivery, by name; each returns an outcome and never throws. */
const transports: { [K in Delivery['transport']]: Transport<Extract<Delivery, { transport: K }>> } = {
    'rapidpro-callback': async (delivery, { read, http }) => {
        const settings = new SettingsReader(read);
        const [url, secret, timeoutMs] = await Promise.all([settings.callbackUrl(), settings.appSecret(), settings.requestTimeoutMs()]);
        return new CallbackClient(http).post({ url, secret, timeoutMs }, delivery.body);
    },
};

export function deliver(delivery: Delivery, context: TransportContext): Promise<DeliveryOutcome> {
    return transports[delivery.transport](delivery, context);
}
