import { IRead } from '@rocket.chat/apps-engine/definition/accessors';

/** How long a setting value read from Rocket.Chat is used before it is read again. */
export const SETTING_VALUES_TTL_MS = 5000;

/**
 * The app's setting values, kept for a few seconds per app instance. Under the Deno runtime every read is a
 * round trip to the server, and one SMS reply needs seven settings: kept, they cost nothing. The app forgets
 * them as soon as a setting changes (onSettingUpdated); the time limit covers a change made through another
 * Rocket.Chat instance of a cluster.
 */
export class SettingValues {
    private readonly values = new Map<string, { value: Promise<unknown>; readAt: number }>();

    constructor(private readonly now: () => number = Date.now) {}

    public valueById(id: string, read: () => Promise<unknown>): Promise<unknown> {
        const kept = this.values.get(id);
        if (kept && this.now() - kept.readAt < SETTING_VALUES_TTL_MS) {
            return kept.value;
        }
        const value = read();
        this.values.set(id, { value, readAt: this.now() });
        // A failed read is not kept: the next one asks again.
        value.catch(() => this.values.delete(id));
        return value;
    }

    public forget(): void {
        this.values.clear();
    }

    /** The same accessors, with the app's setting reads answered from these values. */
    public reading(read: IRead): IRead {
        return withMethod(read, 'getEnvironmentReader', () => {
            const environment = read.getEnvironmentReader();
            return withMethod(environment, 'getSettings', () => {
                const settings = environment.getSettings();
                return withMethod(settings, 'getValueById', (id: string) => this.valueById(id, () => settings.getValueById(id)));
            });
        });
    }
}

/** `target` with one method replaced; every other member is the target's own. */
function withMethod<T extends object>(target: T, name: string, method: (...args: Array<any>) => unknown): T {
    return new Proxy(target, {
        get: (object, property) => {
            if (property === name) {
                return method;
            }
            const member = (object as any)[property];
            return typeof member === 'function' ? member.bind(object) : member;
        },
    });
}
