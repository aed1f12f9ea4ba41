import { IHttp, IHttpRequest, IHttpResponse, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';

import { AppContext } from '../../../lib/AppContext';
import { HandlersInFlight } from '../../../lib/HandlersInFlight';
import { KeyedLock } from '../../../lib/KeyedLock';
import { SettingValues } from '../../../settings/SettingValues';

type Association = { model: string; id: string };
type StoredRecord = { data: any; associations: Array<Association> };

const plain = (associations: Array<any>): Array<Association> => associations.map(({ model, id }) => ({ model, id }));
const holdsAll = (record: StoredRecord, wanted: Array<Association>) =>
    wanted.every((association) => record.associations.some((held) => held.model === association.model && held.id === association.id));
const sameList = (record: StoredRecord, wanted: Array<Association>) => JSON.stringify(record.associations) === JSON.stringify(wanted);

/**
 * App persistence with Rocket.Chat's matching: reads and removes by `$all`, updates by the exact association
 * list; `quirks` throws after updating an existing record, as some Rocket.Chat versions do.
 */
export class FakePersistence {
    public readonly records: Array<StoredRecord> = [];
    public quirks = false;
    /** Reads holding this association fail, as a broken record or a database hiccup would make them. */
    public failingReadOf?: string;

    public readonly writer = {
        createWithAssociations: async (data: object, associations: Array<any>) => {
            this.records.push({ data: JSON.parse(JSON.stringify(data)), associations: plain(associations) });
            return String(this.records.length);
        },
        updateByAssociations: async (associations: Array<any>, data: object, upsert = true) => {
            const match = this.records.find((record) => sameList(record, plain(associations)));
            if (!match) {
                return upsert ? this.writer.createWithAssociations(data, associations) : '';
            }
            match.data = JSON.parse(JSON.stringify(data));
            if (this.quirks) {
                throw new TypeError("Cannot read properties of null (reading 'toString')");
            }
            return 'updated';
        },
        removeByAssociations: async (associations: Array<any>) => {
            const removed = this.records.filter((record) => holdsAll(record, plain(associations)));
            removed.forEach((record) => this.records.splice(this.records.indexOf(record), 1));
            return removed.map((record) => record.data);
        },
    } as unknown as IPersistence;

    public readonly reader = {
        readByAssociations: async (associations: Array<any>) => {
            if (plain(associations).some((association) => association.id === this.failingReadOf)) {
                throw new Error('read failed');
            }
            return this.records.filter((record) => holdsAll(record, plain(associations))).map((record) => JSON.parse(JSON.stringify(record.data)));
        },
    };
}

export interface ScheduledJob {
    id: string;
    when: string;
    data: any;
}

export interface FakeAnswer {
    status?: number;
    data?: unknown;
    fail?: string;
}

/** The accessors the outbox uses, in memory: settings, a room, the app user, notes, the scheduler and HTTP. */
export function fakeContext(settings: Record<string, unknown> = {}, onRequest: () => void = () => undefined) {
    const persistence = new FakePersistence();
    const jobs: Array<ScheduledJob> = [];
    const notes: Array<{ roomId: string; text: string }> = [];
    const requests: Array<{ url: string; options: IHttpRequest }> = [];
    const answers: Array<FakeAnswer> = [];
    const logs: Array<string> = [];
    const values: Record<string, unknown> = { app_secret: 'S3CRET', rapidpro_callback_url: 'https://rapidpro.example.org/cb', request_timeout_seconds: 15, notes_language: 'en', ...settings };

    const read = {
        getPersistenceReader: () => persistence.reader,
        getEnvironmentReader: () => ({
            getSettings: () => ({ getValueById: async (id: string) => values[id] }),
            getServerSettings: () => ({ getValueById: async () => 'https://chat.example.org' }),
        }),
        getRoomReader: () => ({ getById: async (id: string) => ({ id, type: 'l', isOpen: true }) }),
        getUserReader: () => ({ getAppUser: async () => ({ id: 'app-user' }) }),
    } as unknown as IRead;

    const modify = {
        getScheduler: () => ({
            scheduleOnce: async (job: ScheduledJob) => {
                jobs.push(job);
            },
        }),
        getCreator: () => {
            const builder: any = { fields: {} };
            ['setRoom', 'setSender', 'setText', 'setGroupable'].forEach((setter) => {
                builder[setter] = (value: any) => {
                    builder.fields[setter] = value;
                    return builder;
                };
            });
            return {
                startMessage: () => builder,
                finish: async (message: any) => {
                    notes.push({ roomId: message.fields.setRoom.id, text: message.fields.setText });
                    return 'note';
                },
            };
        },
    } as unknown as IModify;

    const http = {
        post: async (url: string, options: IHttpRequest) => {
            requests.push({ url, options });
            onRequest();
            const answer = answers.shift() || { status: 200, data: { status: 'handled' } };
            if (answer.fail) {
                throw new Error(answer.fail);
            }
            return { statusCode: answer.status, data: answer.data } as IHttpResponse;
        },
    } as unknown as IHttp;

    const logger = ['debug', 'info', 'warn', 'error', 'success', 'log'].reduce(
        (all, level) => ({ ...all, [level]: (...items: Array<unknown>) => logs.push(`${level} ${items.join(' ')}`) }),
        {},
    ) as ILogger;

    const context: AppContext = {
        read,
        modify,
        http,
        persistence: persistence.writer,
        logger,
        locks: new KeyedLock(),
        handlersInFlight: new HandlersInFlight(),
        settingValues: new SettingValues(),
        appId: 'app',
    };
    return { context, persistence, jobs, notes, requests, answers, logs };
}
