import * as fs from 'fs';
import * as path from 'path';

import { SavedMessages } from '../test/harness/messagegate-emulator';
import { InMemoryRocketChat } from '../test/harness/rocketchat';

/** A ticket the RapidPro stand-in opened, as RapidPro keeps it. */
export interface RapidProTicket {
    ticketID: string;
    token: string;
    name: string;
    phone?: string;
    roomId?: string;
    status: 'open' | 'closed';
    openedAt: string;
}

/**
 * What a restart must find again besides the in-memory Rocket.Chat (the Omnichannel, the app's records and
 * jobs): the app's settings, RapidPro's tickets, and the messages the emulated phone sent.
 */
export interface SandboxState {
    settings: Record<string, unknown>;
    rapidProTickets: Array<RapidProTicket>;
    phone: SavedMessages;
}

const FORMAT = 1;

/**
 * The sandbox's state as one JSON file. Dates and file contents are tagged so they come back as they were;
 * rooms, visitors and agents are written once and linked again by id on load, as the database does.
 */
export class StateFile {
    constructor(public readonly file: string) {}

    public exists(): boolean {
        return fs.existsSync(this.file);
    }

    public remove(): void {
        fs.rmSync(this.file, { force: true });
    }

    public serialize(rc: InMemoryRocketChat, state: SandboxState): string {
        const byId = (value: any) => (value && value.id ? { id: value.id } : value);
        const snapshot = {
            format: FORMAT,
            ...state,
            users: [...rc.users.values()],
            departments: [...rc.departments.values()],
            visitors: [...rc.visitors.values()],
            rooms: [...rc.rooms.values()].map((room) => ({ ...room, visitor: byId(room.visitor), department: byId(room.department), servedBy: byId(room.servedBy) })),
            messages: rc.messages.map((message) => ({ ...message, room: byId(message.room) })),
            uploads: [...rc.uploads.values()].map(({ upload, buffer }) => ({ upload: { ...upload, room: byId(upload.room) }, buffer })),
            records: [...rc.records.values()],
            jobs: rc.jobs,
            visitorCustomFields: rc.visitorCustomFields,
        };
        return JSON.stringify(snapshot, encodeValue);
    }

    /** Writes through a temporary file, so a stop in the middle leaves the previous state whole. */
    public write(text: string): void {
        fs.mkdirSync(path.dirname(this.file), { recursive: true });
        const temporary = `${this.file}.tmp`;
        fs.writeFileSync(temporary, text);
        fs.renameSync(temporary, this.file);
    }

    /** Loads the file into an empty in-memory Rocket.Chat and returns the rest of the state. */
    public load(rc: InMemoryRocketChat): SandboxState {
        const snapshot = JSON.parse(fs.readFileSync(this.file, 'utf8'), decodeValue);
        if (snapshot.format !== FORMAT) {
            throw new Error(`${this.file} is not a sandbox state file this version can read (start with --fresh to begin again)`);
        }
        refill(rc.users, snapshot.users);
        refill(rc.departments, snapshot.departments);
        refill(rc.visitors, snapshot.visitors);
        refill(
            rc.rooms,
            snapshot.rooms.map((room: any) => ({
                ...room,
                visitor: linked(rc.visitors, room.visitor),
                department: linked(rc.departments, room.department),
                servedBy: linked(rc.users, room.servedBy),
            })),
        );
        rc.messages.splice(0, rc.messages.length, ...snapshot.messages.map((message: any) => ({ ...message, room: linked(rc.rooms, message.room) })));
        rc.uploads.clear();
        for (const { upload, buffer } of snapshot.uploads) {
            rc.uploads.set(upload.id, { upload: { ...upload, room: linked(rc.rooms, upload.room) }, buffer });
        }
        refill(rc.records, snapshot.records);
        rc.jobs.splice(0, rc.jobs.length, ...snapshot.jobs);
        rc.visitorCustomFields = snapshot.visitorCustomFields;
        return { settings: snapshot.settings, rapidProTickets: snapshot.rapidProTickets, phone: snapshot.phone };
    }
}

function refill(map: Map<string, any>, items: Array<any>): void {
    map.clear();
    items.forEach((item) => map.set(item.id, item));
}

function linked(map: Map<string, any>, reference: any): any {
    return reference && reference.id ? map.get(reference.id) || reference : reference;
}

// Dates made inside the vm2 sandbox fail `instanceof Date`, so their tag is checked instead.
function encodeValue(this: any, key: string, value: unknown): unknown {
    const raw = this[key];
    if (Object.prototype.toString.call(raw) === '[object Date]') {
        return Number.isNaN(raw.getTime()) ? null : { $date: raw.toISOString() };
    }
    if (Buffer.isBuffer(raw)) {
        return { $base64: raw.toString('base64') };
    }
    return value;
}

function decodeValue(key: string, value: any): unknown {
    if (value && typeof value === 'object' && Object.keys(value).length === 1) {
        if (typeof value.$date === 'string') {
            return new Date(value.$date);
        }
        if (typeof value.$base64 === 'string') {
            return Buffer.from(value.$base64, 'base64');
        }
    }
    return value;
}
