import { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';

import { HandlersInFlight } from './HandlersInFlight';
import { KeyedLock } from './KeyedLock';

/** The app's own services: one of each per app instance, shared by all its requests, events and jobs. */
export interface AppServices {
    locks: KeyedLock;
    handlersInFlight: HandlersInFlight;
    logger: ILogger;
    appId: string;
}

/** What the app's logic works with in one request, event or job: the engine's accessors and the app's services. */
export interface AppContext extends AppServices {
    read: IRead;
    modify: IModify;
    http: IHttp;
    persistence: IPersistence;
}
