import { IndexedRecords, PersistedRecord } from './indexed-records';

export type { PersistedRecord };

/**
 * An in-memory Rocket.Chat: the Omnichannel state (agents, departments, visitors, livechat rooms, messages,
 * uploads), app persistence, scheduled jobs and server settings, behaving like Rocket.Chat where the app
 * depends on it: every new message fires IPostMessageSent (the app's own too), closing a livechat room fires
 * IPostLivechatRoomClosed whoever closed it, and both are fired without awaiting, as Rocket.Chat does.
 */
export type EventFirer = (event: string, data: unknown) => Promise<unknown> | unknown;

export interface ScheduledJob {
    processorId: string;
    runAt: number;
    data: any;
}

export interface StoredUpload {
    upload: any;
    buffer: Buffer;
}

/**
 * A deep copy of plain data, keeping Dates, as a database round trip would. Objects made inside the vm2
 * sandbox arrive as proxies that structuredClone refuses, so the copy walks their properties.
 */
export function copyData<T>(value: T): T {
    if (value instanceof Date) {
        return new Date(value.getTime()) as unknown as T;
    }
    if (Buffer.isBuffer(value)) {
        return Buffer.from(value) as unknown as T;
    }
    if (Array.isArray(value)) {
        return value.map((item) => copyData(item)) as unknown as T;
    }
    if (value && typeof value === 'object') {
        return Object.fromEntries(
            Object.entries(value)
                .filter(([, item]) => item !== undefined && typeof item !== 'function')
                .map(([key, item]) => [key, copyData(item)]),
        ) as T;
    }
    return value;
}

/** How the router knows an app's endpoint. */
export const routeKey = (appId: string, path: string): string => `${appId}/${path}`;

let idCounter = 0;
export const newId = (prefix: string): string => `${prefix}${(++idCounter).toString(36).padStart(6, '0')}${Math.random().toString(36).slice(2, 8)}`;

export class InMemoryRocketChat {
    public siteUrl = 'https://chat.example.org';
    public readonly users = new Map<string, any>();
    public readonly visitors = new Map<string, any>();
    public readonly departments = new Map<string, any>();
    public readonly rooms = new Map<string, any>();
    public readonly messages: Array<any> = [];
    public readonly uploads = new Map<string, StoredUpload>();
    /** What the app showed one user only (Rocket.Chat's ephemeral messages). */
    public readonly notifications: Array<{ user: any; message: any }> = [];
    public readonly records = new IndexedRecords();
    public readonly processors = new Map<string, (data: any) => Promise<unknown>>();
    public readonly jobs: Array<ScheduledJob> = [];
    /** Processors registered with a recurring startup setting (Agenda's `every`), by id. */
    public readonly recurringProcessors = new Map<string, string>();
    /** How many times each bridge method (e.g. `Persistence.doReadByAssociations`) was called by the engine. */
    public readonly bridgeCalls = new Map<string, number>();
    /** The app endpoints Rocket.Chat's router serves, as routeKey(app id, path). */
    public readonly routedApiPaths = new Set<string>();
    /** Omnichannel > Custom Fields of visitor scope: setCustomFields refuses any other key, as Rocket.Chat does. */
    public visitorCustomFields: Array<string> = [];
    /**
     * How a system message's type reaches apps: Rocket.Chat 6.x (engine 1.42) leaves it unmapped in
     * `_unmappedProperties_.t`; later servers map it to `type`.
     */
    public systemMessageTypeField: 'unmapped' | 'type' = 'unmapped';
    /**
     * Persistence quirks of some Rocket.Chat versions: updateByAssociations throws after updating an existing
     * record (it reads the `upsertedId` of an update that upserted nothing), removeByAssociations removes
     * only the first match.
     */
    public persistenceQuirks = false;
    /** How long a server setting read takes: a slow read makes one handler finish after a later one. */
    public serverSettingLatencyMs = 0;
    /** An error the next app persistence write throws, as a database failure would. */
    public nextPersistenceWriteError?: string;
    /** An error the next livechat room creation throws, as a database failure would. */
    public nextRoomCreationError?: string;
    /** Whether a room can be created when no agent is available (Livechat_accept_chats_with_no_agents). */
    public acceptChatsWithNoAgents = true;
    private fireEvent: EventFirer = () => undefined;
    private readonly pendingEvents = new Set<Promise<unknown>>();

    constructor() {
        this.addUser({ id: 'admin', username: 'admin', name: 'Admin', roles: ['admin'], type: 'user' });
    }

    public setEventFirer(fire: EventFirer): void {
        this.fireEvent = fire;
    }

    // ---- users and agents -------------------------------------------------------------------------------

    public addUser(user: any): any {
        const stored = {
            isEnabled: true,
            status: 'online',
            statusConnection: 'online',
            emails: [],
            utcOffset: 0,
            createdAt: new Date(),
            updatedAt: new Date(),
            lastLoginAt: new Date(),
            roles: ['user'],
            type: 'user',
            ...user,
        };
        this.users.set(stored.id, stored);
        return stored;
    }

    public addAgent(username: string, departmentIds: Array<string> = []): any {
        return this.addUser({ id: newId('agent'), username, name: username, roles: ['user', 'livechat-agent'], departmentIds });
    }

    public addDepartment(name: string): any {
        const department = {
            id: newId('dep'),
            name,
            enabled: true,
            updatedAt: new Date(),
            numberOfAgents: 0,
            showOnOfflineForm: false,
            showOnRegistration: true,
        };
        this.departments.set(department.id, department);
        return department;
    }

    public findDepartment(idOrName: string): any {
        return this.departments.get(idOrName) || [...this.departments.values()].find((department) => department.name === idOrName);
    }

    // ---- visitors and livechat rooms ----------------------------------------------------------------------

    /**
     * Rocket.Chat's registerGuest (6.x to current): an upsert by token; a token it does not know is matched
     * by phone (the matched visitor keeps its own token) or else by email (the visitor takes the new token).
     */
    public upsertVisitor(visitor: any): any {
        const incoming = copyData(visitor);
        const phone = incoming.phone && incoming.phone[0] && incoming.phone[0].phoneNumber;
        const email = incoming.visitorEmails && incoming.visitorEmails[0] && incoming.visitorEmails[0].address;
        const all = [...this.visitors.values()];
        const byToken = this.findVisitorByToken(incoming.token);
        const byPhone = !byToken && phone ? all.find((candidate) => (candidate.phone || []).some((entry: any) => entry.phoneNumber === phone)) : undefined;
        const byEmail = !byToken && !byPhone && email ? all.find((candidate) => (candidate.visitorEmails || []).some((entry: any) => entry.address === email)) : undefined;
        const existing = byToken || byPhone || byEmail;
        const merged = {
            ...existing,
            ...incoming,
            token: byPhone ? byPhone.token : incoming.token,
            id: existing ? existing.id : newId('visitor'),
            username: (existing && existing.username) || incoming.username || `guest-${this.visitors.size + 1}`,
            updatedAt: new Date(),
        };
        this.visitors.set(merged.id, merged);
        return merged;
    }

    public findVisitorByToken(token: string): any {
        return [...this.visitors.values()].find((visitor) => visitor.token === token);
    }

    public createLivechatRoom(visitor: any, agent: any, extraParams: any): any {
        if (this.nextRoomCreationError) {
            const message = this.nextRoomCreationError;
            this.nextRoomCreationError = undefined;
            throw new Error(message);
        }
        const stored = this.findVisitorByToken(visitor.token);
        if (!stored) {
            throw new Error('error-invalid-visitor');
        }
        const department = stored.department ? this.departments.get(stored.department) : undefined;
        const servedBy = agent || this.availableAgent(department);
        if (!servedBy && !this.acceptChatsWithNoAgents) {
            throw new Error('Sorry, no online agents [no-agent-online]');
        }
        const room = {
            id: newId('room'),
            type: 'l',
            slugifiedName: newId('r'),
            displayName: stored.name,
            creator: this.userFromVisitor(stored),
            visitor: stored,
            department,
            servedBy,
            userIds: servedBy ? [servedBy.id] : [],
            isOpen: true,
            isWaitingResponse: true,
            isDefault: false,
            isReadOnly: false,
            displaySystemMessages: true,
            messageCount: 0,
            createdAt: new Date(),
            updatedAt: new Date(),
            source: (extraParams && copyData(extraParams.source)) || { type: 'api' },
            customFields: {},
        };
        this.rooms.set(room.id, room);
        return room;
    }

    /**
     * Closes a livechat room as Rocket.Chat does: the `livechat-close` system message from the closer (which
     * Rocket.Chat 6.x sends through sendMessage, so IPostMessageSent fires for it), then
     * IPostLivechatRoomClosed; neither is awaited.
     */
    public closeLivechatRoom(roomId: string, comment: string, closer?: any, { silently = false } = {}): boolean {
        const room = this.rooms.get(roomId);
        if (!room || !room.isOpen) {
            return false;
        }
        if (silently) {
            // As when the app was disabled at the time: the room closes, no app hears of it.
            room.isOpen = false;
            room.closedAt = new Date();
            return true;
        }
        room.isOpen = false;
        room.closedAt = new Date();
        room.closer = closer ? 'user' : 'visitor';
        room.closedBy = closer;
        room.closingComment = comment;
        const systemType = this.systemMessageTypeField === 'type' ? { type: 'livechat-close' } : { _unmappedProperties_: { t: 'livechat-close' } };
        this.saveMessage({ room: { id: roomId }, sender: closer || this.userFromVisitor(room.visitor), text: comment, groupable: false, ...systemType });
        this.fire('IPostLivechatRoomClosed', room);
        return true;
    }

    public messagesIn(roomId: string): Array<any> {
        return this.messages.filter((message) => message.room.id === roomId);
    }

    // ---- messages -----------------------------------------------------------------------------------------

    /** Saves a message and fires IPostMessageSent, as Rocket.Chat's sendMessage does for every sender. */
    public saveMessage(message: any): any {
        const room = this.rooms.get(message.room.id);
        if (!room) {
            throw new Error(`error-invalid-room: ${message.room.id}`);
        }
        const stored = { ...copyData(message), id: message.id || newId('msg'), room, createdAt: message.createdAt || new Date(), updatedAt: new Date() };
        this.messages.push(stored);
        room.messageCount += 1;
        room.lastMessageAt = stored.createdAt;
        this.fire('IPostMessageSent', stored);
        return stored;
    }

    /** An agent types a message in the room (text and, optionally, an uploaded file). */
    public agentSends(roomId: string, agent: any, text: string, file?: { name: string; type: string; content: Buffer }): any {
        const room = this.rooms.get(roomId);
        const message: any = { room, sender: agent, text, groupable: true, parseUrls: true };
        if (file) {
            const upload = this.storeUpload({ name: file.name, type: file.type, size: file.content.length, rid: roomId, userId: agent.id }, file.content);
            message.file = { _id: upload.id, name: upload.name, type: upload.type };
            message.attachments = [this.attachmentForUpload(upload)];
        }
        return this.saveMessage(message);
    }

    public storeUpload(details: any, buffer: Buffer): any {
        const id = newId('file');
        const upload = {
            id,
            name: details.name,
            size: String(details.size),
            type: details.type,
            extension: details.name.includes('.') ? details.name.split('.').pop() : '',
            etag: id,
            path: `/file-upload/${id}/${encodeURIComponent(details.name)}`,
            token: id,
            url: `/file-upload/${id}/${encodeURIComponent(details.name)}`,
            progress: 1,
            uploading: false,
            complete: true,
            updatedAt: new Date(),
            uploadedAt: new Date(),
            store: 'GridFS:Uploads',
            room: this.rooms.get(details.rid),
            visitor: details.visitorToken ? this.findVisitorByToken(details.visitorToken) : undefined,
            user: details.userId ? this.users.get(details.userId) : undefined,
        };
        this.uploads.set(id, { upload, buffer });
        return upload;
    }

    /** The attachment Rocket.Chat puts on a file message: links relative to the site URL. */
    public attachmentForUpload(upload: any): any {
        const attachment: any = {
            title: { value: upload.name, link: upload.url, displayDownloadLink: true },
            type: 'file',
            description: '',
        };
        if (upload.type.startsWith('image/')) {
            attachment.imageUrl = upload.url;
        } else if (upload.type.startsWith('audio/')) {
            attachment.audioUrl = upload.url;
        } else if (upload.type.startsWith('video/')) {
            attachment.videoUrl = upload.url;
        }
        return attachment;
    }

    public userFromVisitor(visitor: any): any {
        return {
            id: visitor.id,
            username: visitor.username,
            name: visitor.name,
            emails: [],
            type: 'user',
            isEnabled: true,
            roles: ['livechat-guest'],
            status: 'online',
            statusConnection: 'online',
            utcOffset: 0,
            createdAt: new Date(),
            updatedAt: new Date(),
            lastLoginAt: new Date(),
        };
    }

    // ---- app persistence ------------------------------------------------------------------------------------

    /** Records holding all these associations (Mongo's `$all`): how reads and removes match. */
    public recordsHoldingAll(appId: string, associations: Array<{ model: string; id: string }>): Array<PersistedRecord> {
        return this.records.holdingAll(appId, associations);
    }

    /** Records written with exactly this association list (Mongo's equality on an array): how updates match. */
    public recordsWithExactly(appId: string, associations: Array<{ model: string; id: string }>): Array<PersistedRecord> {
        return this.records.withExactly(appId, associations);
    }

    // ---- scheduler ------------------------------------------------------------------------------------------

    public scheduleJob(processorId: string, when: string | Date, data: any): void {
        this.jobs.push({ processorId, runAt: Date.now() + delayOf(when), data });
    }

    /**
     * Runs the jobs scheduled so far, as Agenda would once their time has come, without waiting for it;
     * jobs they schedule wait for the next call. Returns how many ran.
     */
    public async runScheduledJobs(): Promise<number> {
        const due = this.jobs.splice(0, this.jobs.length);
        for (const job of due) {
            await this.processorOf(job)({ ...job.data });
        }
        return due.length;
    }

    /**
     * Runs the jobs whose time has come, as Agenda does on its clock; the others keep waiting. A job that fails
     * is reported and does not hold back the others. Returns how many ran.
     */
    public async runDueJobs(onFailure: (job: ScheduledJob, error: unknown) => void, now = Date.now()): Promise<number> {
        const due = this.jobs.filter((job) => job.runAt <= now).sort((a, b) => a.runAt - b.runAt);
        this.jobs.splice(0, this.jobs.length, ...this.jobs.filter((job) => job.runAt > now));
        for (const job of due) {
            try {
                await this.processorOf(job)({ ...job.data });
            } catch (error) {
                onFailure(job, error);
            }
        }
        return due.length;
    }

    /**
     * Runs the jobs whose time has come by `time` (ms), as Agenda would if the clock read `time`, and the jobs
     * they schedule that are due by then too: a simulated clock for outages longer than a test may wait.
     * Returns how many ran.
     */
    public async runJobsDueBy(time: number): Promise<number> {
        let ran = 0;
        for (;;) {
            await this.settle();
            const count = await this.runDueJobs((job, error) => {
                throw error;
            }, time);
            if (count === 0) {
                return ran;
            }
            ran += count;
        }
    }

    /** Fires an event again, as a server may deliver it twice (a cluster, a retried hook). */
    public fireAgain(event: string, data: unknown): void {
        this.fire(event, data);
    }

    /** Runs scheduled jobs, and the jobs and events they lead to, until nothing is left to run. */
    public async runJobsUntilIdle(): Promise<void> {
        while ((await this.runScheduledJobs()) > 0) {
            await this.settle();
        }
    }

    /** Runs a recurring processor as Agenda does at each interval. */
    public async runRecurring(processorId: string): Promise<void> {
        const processor = [...this.processors.entries()].find(([id]) => id.startsWith(`${processorId}_`));
        if (!processor || !this.recurringProcessors.has(processor[0])) {
            throw new Error(`No recurring processor ${processorId}`);
        }
        await processor[1]({});
    }

    // ---- events ---------------------------------------------------------------------------------------------

    /** Resolves once every event fired so far (and the events those fired) has been handled by the engine. */
    public async settle(): Promise<void> {
        while (this.pendingEvents.size) {
            await Promise.allSettled([...this.pendingEvents]);
        }
    }

    private fire(event: string, data: unknown): void {
        const pending: Promise<unknown> = new Promise<void>((resolve) => setImmediate(resolve))
            .then(() => this.fireEvent(event, copyData(data)))
            .catch(() => undefined)
            .finally(() => this.pendingEvents.delete(pending));
        this.pendingEvents.add(pending);
    }

    private processorOf(job: ScheduledJob): (data: any) => Promise<unknown> {
        const processor = this.processors.get(job.processorId);
        if (!processor) {
            throw new Error(`No processor registered for job ${job.processorId}`);
        }
        return processor;
    }

    private availableAgent(department?: any): any {
        return [...this.users.values()].find(
            (user) => user.roles.includes('livechat-agent') && user.status === 'online' && (!department || (user.departmentIds || []).includes(department.id)),
        );
    }
}

/** Agenda's `when`: a Date, text `new Date()` reads (Rocket.Chat tries that first), or "10 seconds". */
export function delayOf(when: string | Date): number {
    const date = new Date(when);
    if (!Number.isNaN(date.getTime())) {
        return date.getTime() - Date.now();
    }
    const match = /^\s*(\d+(?:\.\d+)?)\s*(second|minute|hour)s?\s*$/i.exec(String(when));
    if (!match) {
        throw new Error(`Unsupported schedule "${when}"`);
    }
    const unit = { second: 1000, minute: 60_000, hour: 3_600_000 }[match[2].toLowerCase() as 'second' | 'minute' | 'hour'];
    return Number(match[1]) * unit;
}
