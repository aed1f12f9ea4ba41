import { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';

import { SettingValues } from '../settings/SettingValues';
import { HandlersInFlight } from './HandlersInFlight';
import { KeyedLock } from './KeyedLock';

/** The app's own services: one of each per app instance, shared by all its requests, events and jobs. */
export interface AppServices {
    locks: KeyedLock;
    handlersInFlight: HandlersInFlight;
    logger: ILogger;
    appId: string;
    settingValues: SettingValues;
}

/** What the app's logic works with in one request, event or job: the engine's accessors and the app's services. */
export interface AppContext extends AppServices {
    read: IRead;
    modify: IModify;
    http: IHttp;
    persistence: IPersistence;
}

/** The context of one request, event or job: the engine's accessors (setting reads kept a few seconds) and the app's services. */
export function appContext(read: IRead, modify: IModify, http: IHttp, persistence: IPersistence, services: AppServices): AppContext {
    return { read: services.settingValues.reading(read), modify, http, persistence, ...services };
}
