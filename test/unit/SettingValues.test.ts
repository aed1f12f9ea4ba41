import { IRead } from '@rocket.chat/apps-engine/definition/accessors';

import { SETTING_VALUES_TTL_MS, SettingValues } from '../../settings/SettingValues';

/** An IRead whose setting reads are counted, with one other reader beside it. */
function countingRead(values: Record<string, unknown>) {
    const reads: Array<string> = [];
    const read = {
        getEnvironmentReader: () => ({
            getSettings: () => ({
                getValueById: async (id: string) => {
                    reads.push(id);
                    if (!(id in values)) {
                        throw new Error(`no setting ${id}`);
                    }
                    return values[id];
                },
                getById: async (id: string) => ({ id, value: values[id] }),
            }),
            getServerSettings: () => ({ getValueById: async () => 'https://chat.example.org' }),
        }),
        getRoomReader: () => ({ getById: async (id: string) => ({ id }) }),
    } as unknown as IRead;
    return { read, reads, values };
}

describe('SettingValues', () => {
    let now = 0;
    const clock = () => now;
    beforeEach(() => {
        now = 1_000_000;
    });

    it('reads a setting from Rocket.Chat once while it is fresh, however many readers ask', async () => {
        const { read, reads } = countingRead({ app_secret: 's1', messagegate_url: 'http://phone' });
        const values = new SettingValues(clock);
        const first = values.reading(read);
        const second = values.reading(read);
        const answers = await Promise.all([first, second, first].map((reader) => reader.getEnvironmentReader().getSettings().getValueById('app_secret')));
        expect(answers).toEqual(['s1', 's1', 's1']);
        expect(await second.getEnvironmentReader().getSettings().getValueById('messagegate_url')).toBe('http://phone');
        expect(reads).toEqual(['app_secret', 'messagegate_url']);
    });

    it(`reads it again after ${SETTING_VALUES_TTL_MS} ms, so a change made on another instance is seen`, async () => {
        const { read, reads, values: stored } = countingRead({ app_secret: 'old' });
        const reader = new SettingValues(clock).reading(read);
        await reader.getEnvironmentReader().getSettings().getValueById('app_secret');
        stored.app_secret = 'new';
        now += SETTING_VALUES_TTL_MS - 1;
        expect(await reader.getEnvironmentReader().getSettings().getValueById('app_secret')).toBe('old');
        now += 1;
        expect(await reader.getEnvironmentReader().getSettings().getValueById('app_secret')).toBe('new');
        expect(reads).toEqual(['app_secret', 'app_secret']);
    });

    it('forgets every value when told (a setting changed on this instance)', async () => {
        const { read, values: stored } = countingRead({ app_secret: 'old' });
        const values = new SettingValues(clock);
        await values.reading(read).getEnvironmentReader().getSettings().getValueById('app_secret');
        stored.app_secret = 'new';
        values.forget();
        expect(await values.reading(read).getEnvironmentReader().getSettings().getValueById('app_secret')).toBe('new');
    });

    it('does not keep a read that failed', async () => {
        const { read, reads, values: stored } = countingRead({});
        const reader = new SettingValues(clock).reading(read);
        await expect(reader.getEnvironmentReader().getSettings().getValueById('app_secret')).rejects.toThrow('no setting app_secret');
        stored.app_secret = 'now set';
        expect(await reader.getEnvironmentReader().getSettings().getValueById('app_secret')).toBe('now set');
        expect(reads).toEqual(['app_secret', 'app_secret']);
    });

    it('leaves every other reader as it is', async () => {
        const { read } = countingRead({ app_secret: 's1' });
        const reader = new SettingValues(clock).reading(read);
        expect(await reader.getRoomReader().getById('room1')).toEqual({ id: 'room1' });
        expect(await reader.getEnvironmentReader().getServerSettings().getValueById('Site_Url')).toBe('https://chat.example.org');
        expect(await reader.getEnvironmentReader().getSettings().getById('app_secret')).toEqual({ id: 'app_secret', value: 's1' });
    });
});
