import { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';

import { KeyedLock } from './KeyedLock';

/** What the app's logic works with in one request, event or job: the engine's accessors and the app's own services. */
export interface AppContext {
    read: IRead;
    modify: IModify;
    http: IHttp;
    persistence: IPersistence;
    locks: KeyedLock;
    logger: ILogger;
    appId: string;
}
