import { generateKeyPairSync } from 'crypto';

import { EngineRuntime, engineModule } from './engines';
import { copyData, InMemoryRocketChat, newId, routeKey } from './rocketchat';

const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

const notHosted = (what: string) => async (): Promise<never> => {
    throw new Error(`${what} is not provided by the test host`);
};

/**
 * The bridges Rocket.Chat gives the Apps-Engine, implemented over the in-memory Rocket.Chat.
 * Each extends the given engine's own abstract bridge, so its permission checks run as in production.
 */
export function createBridges(engine: EngineRuntime, rc: InMemoryRocketChat) {
    const bridges = {
        ...engineModule(engine, 'server/bridges'),
        InternalBridge: engineModule(engine, 'server/bridges/InternalBridge').InternalBridge,
    };

    class Persistence extends bridges.PersistenceBridge {
        async purge(appId: string) {
            for (const [id, record] of rc.records) {
                if (record.appId === appId) {
                    rc.records.delete(id);
                }
            }
        }

        async create(data: object, appId: string) {
            return this.createWithAssociations(data, [], appId);
        }

        async createWithAssociations(data: object, associations: Array<any>, appId: string) {
            const id = newId('rec');
            rc.records.set(id, { id, appId, data: copyData(data), associations: plainAssociations(associations) });
            return id;
        }

        async readById(id: string) {
            const record = rc.records.get(id);
            return record && copyData(record.data);
        }

        async readByAssociations(associations: Array<any>, appId: string) {
            return rc.recordsHoldingAll(appId, plainAssociations(associations)).map((record) => copyData(record.data));
        }

        async remove(id: string) {
            const record = rc.records.get(id);
            rc.records.delete(id);
            return record && record.data;
        }

        async removeByAssociations(associations: Array<any>, appId: string) {
            const matching = rc.recordsHoldingAll(appId, plainAssociations(associations));
            (rc.persistenceQuirks ? matching.slice(0, 1) : matching).forEach((record) => rc.records.delete(record.id));
            return matching.length ? matching.map((record) => record.data) : undefined;
        }

        async update(id: string, data: object, upsert: boolean, appId: string) {
            const record = rc.records.get(id);
            if (!record && !upsert) {
                throw new Error(`No record ${id}`);
            }
            rc.records.set(id, { id, appId, data: copyData(data), associations: record ? record.associations : [] });
            return id;
        }

        async updateByAssociations(associations: Array<any>, data: object, upsert: boolean, appId: string) {
            if (rc.nextPersistenceWriteError) {
                const message = rc.nextPersistenceWriteError;
                rc.nextPersistenceWriteError = undefined;
                throw new Error(message);
            }
            // Rocket.Chat queries `{ appId, associations }`: the record written with exactly this list.
            const [match] = rc.recordsWithExactly(appId, plainAssociations(associations));
            if (!match) {
                return upsert ? this.createWithAssociations(data, associations, appId) : '';
            }
            match.data = copyData(data);
            if (rc.persistenceQuirks) {
                throw new TypeError("Cannot read properties of null (reading 'toString')");
            }
            return match.id;
        }
    }

    class Http extends bridges.HttpBridge {
        async call(info: any) {
            return performHttpCall(info);
        }
    }

    class Livechat extends bridges.LivechatBridge {
        isOnline() {
            return true;
        }

        async isOnlineAsync() {
            return true;
        }

        async createMessage(message: any) {
            return rc.saveMessage({ ...message, sender: message.sender || rc.userFromVisitor(message.visitor), token: message.visitor && message.visitor.token }).id;
        }

        async getMessageById(id: string) {
            return rc.messages.find((message) => message.id === id);
        }

        async updateMessage(message: any) {
            const stored = rc.messages.find((candidate) => candidate.id === message.id);
            Object.assign(stored, message, { room: stored.room });
        }

        async createVisitor(visitor: any) {
            return rc.upsertVisitor(visitor).id;
        }

        async createAndReturnVisitor(visitor: any) {
            return rc.upsertVisitor(visitor);
        }

        async findVisitors() {
            return [...rc.visitors.values()];
        }

        async findVisitorById(id: string) {
            return rc.visitors.get(id);
        }

        async findVisitorByEmail(email: string) {
            return [...rc.visitors.values()].find((visitor) => (visitor.visitorEmails || []).some((entry: any) => entry.address === email));
        }

        async findVisitorByToken(token: string) {
            return rc.findVisitorByToken(token);
        }

        async findVisitorByPhoneNumber(phone: string) {
            return [...rc.visitors.values()].find((visitor) => (visitor.phone || []).some((entry: any) => entry.phoneNumber === phone));
        }

        async transferVisitor() {
            return false;
        }

        async createRoom(visitor: any, agent: any, appId: string, extraParams?: any) {
            return rc.createLivechatRoom(visitor, agent, extraParams);
        }

        async closeRoom(room: any, comment: string, closer: any) {
            return rc.closeLivechatRoom(room.id, comment, closer);
        }

        async countOpenRoomsByAgentId(agentId: string) {
            return (await this.findOpenRoomsByAgentId(agentId)).length;
        }

        async findOpenRoomsByAgentId(agentId: string) {
            return [...rc.rooms.values()].filter((room) => room.isOpen && room.servedBy && room.servedBy.id === agentId);
        }

        async findRooms(visitor: any, departmentId: string | null) {
            return [...rc.rooms.values()].filter(
                (room) => room.type === 'l' && room.visitor.token === visitor.token && (!departmentId || (room.department && room.department.id === departmentId)),
            );
        }

        async findDepartmentByIdOrName(value: string) {
            return rc.findDepartment(value);
        }

        async findDepartmentsEnabledWithAgents() {
            return [...rc.departments.values()];
        }

        async _fetchLivechatRoomMessages(appId: string, roomId: string) {
            return rc.messagesIn(roomId);
        }

        async setCustomFields(data: { token: string; key: string; value: string; overwrite: boolean }) {
            // Rocket.Chat throws for a key that is not an Omnichannel custom field.
            if (!rc.visitorCustomFields.includes(data.key)) {
                throw new Error('invalid-custom-field');
            }
            const visitor = rc.findVisitorByToken(data.token);
            if (!visitor) {
                return 0;
            }
            visitor.livechatData = visitor.livechatData || {};
            if (data.overwrite || visitor.livechatData[data.key] === undefined) {
                visitor.livechatData[data.key] = data.value;
            }
            return 1;
        }
    }

    class Message extends bridges.MessageBridge {
        async create(message: any) {
            return rc.saveMessage(message).id;
        }

        async update(message: any) {
            const stored = rc.messages.find((candidate) => candidate.id === message.id);
            Object.assign(stored, message, { room: stored.room, editedAt: new Date() });
        }

        async getById(id: string) {
            return rc.messages.find((message) => message.id === id);
        }

        async notifyUser(user: any, message: any) {
            rc.notifications.push({ user: copyData(user), message: copyData(message) });
        }

        async notifyRoom() {}

        async typing() {}

        async delete(message: any) {
            rc.messages.splice(rc.messages.findIndex((candidate) => candidate.id === message.id), 1);
        }

        async addReaction() {}

        async removeReaction() {}
    }

    class Room extends bridges.RoomBridge {
        async getById(id: string) {
            return rc.rooms.get(id);
        }

        async getByName(name: string) {
            return [...rc.rooms.values()].find((room) => room.slugifiedName === name);
        }

        async getCreatorById(id: string) {
            const room = rc.rooms.get(id);
            return room && room.creator;
        }

        async getCreatorByName(name: string) {
            const room = await this.getByName(name);
            return room && room.creator;
        }

        async getMembers(id: string) {
            const room = rc.rooms.get(id);
            return room ? room.userIds.map((userId: string) => rc.users.get(userId)).filter(Boolean) : [];
        }

        async getMessages(id: string) {
            return rc.messagesIn(id);
        }

        async update(room: any) {
            Object.assign(rc.rooms.get(room.id), room);
        }

        create = notHosted('RoomBridge.create');
        getDirectByUsernames = notHosted('RoomBridge.getDirectByUsernames');
        getAllRooms = notHosted('RoomBridge.getAllRooms');
        createDiscussion = notHosted('RoomBridge.createDiscussion');
        delete = notHosted('RoomBridge.delete');
        getModerators = notHosted('RoomBridge.getModerators');
        getOwners = notHosted('RoomBridge.getOwners');
        getLeaders = notHosted('RoomBridge.getLeaders');
        removeUsers = notHosted('RoomBridge.removeUsers');
        getUnreadByUser = notHosted('RoomBridge.getUnreadByUser');
        getUserUnreadMessageCount = notHosted('RoomBridge.getUserUnreadMessageCount');
    }

    class User extends bridges.UserBridge {
        async getById(id: string) {
            return rc.users.get(id);
        }

        async getByUsername(username: string) {
            return [...rc.users.values()].find((user) => user.username === username);
        }

        async getAppUser(appId?: string) {
            return [...rc.users.values()].find((user) => user.type === 'app' && user.appId === appId);
        }

        async getActiveUserCount() {
            return rc.users.size;
        }

        async getUserUnreadMessageCount() {
            return 0;
        }

        async getUserRoomIds(userId: string) {
            return [...rc.rooms.values()].filter((room) => room.userIds.includes(userId)).map((room) => room.id);
        }

        async create(data: any) {
            return rc.addUser({ id: newId('user'), ...data }).id;
        }

        async remove(user: any) {
            return rc.users.delete(user.id);
        }

        async update(user: any, updates: any) {
            Object.assign(rc.users.get(user.id), updates);
            return true;
        }

        async deleteUsersCreatedByApp(appId: string) {
            for (const [id, user] of rc.users) {
                if (user.appId === appId) {
                    rc.users.delete(id);
                }
            }
            return true;
        }

        async deactivate(userId: string) {
            rc.users.get(userId).isEnabled = false;
            return true;
        }
    }

    class Upload extends bridges.UploadBridge {
        async getById(id: string) {
            const stored = rc.uploads.get(id);
            return stored && stored.upload;
        }

        async getBuffer(upload: any) {
            return rc.uploads.get(upload.id)!.buffer;
        }

        async createUpload(details: any, buffer: Buffer) {
            // Rocket.Chat types the file by its name when the app gives no type.
            const upload = rc.storeUpload({ ...details, type: details.type || mimeTypeOfName(details.name) }, Buffer.from(buffer));
            const visitor = details.visitorToken ? rc.findVisitorByToken(details.visitorToken) : undefined;
            const sender = visitor ? rc.userFromVisitor(visitor) : rc.users.get(details.userId);
            // Rocket.Chat posts the file as a message from the uploader (the visitor, when a token is given).
            rc.saveMessage({
                room: { id: details.rid },
                sender,
                token: visitor && visitor.token,
                file: { _id: upload.id, name: upload.name, type: upload.type },
                attachments: [rc.attachmentForUpload(upload)],
            });
            return upload;
        }
    }

    class Scheduler extends bridges.SchedulerBridge {
        async registerProcessors(processors: Array<any>) {
            for (const processor of processors) {
                rc.processors.set(processor.id, processor.processor);
                if (processor.startupSetting && processor.startupSetting.type === 'recurring') {
                    rc.recurringProcessors.set(processor.id, String(processor.startupSetting.interval));
                }
            }
            return processors.map((processor) => processor.id);
        }

        async scheduleOnce(job: any) {
            rc.scheduleJob(job.id, job.when, job.data || {});
            return job.id;
        }

        scheduleRecurring = notHosted('SchedulerBridge.scheduleRecurring');

        async cancelJob(jobId: string) {
            rc.jobs.splice(0, rc.jobs.length, ...rc.jobs.filter((job) => job.processorId !== jobId));
        }

        async cancelAllJobs() {
            rc.jobs.splice(0, rc.jobs.length);
        }
    }

    class ServerSetting extends bridges.ServerSettingBridge {
        async getAll() {
            return [this.siteUrlSetting()];
        }

        async getOneById(id: string) {
            await new Promise((resolve) => setTimeout(resolve, rc.serverSettingLatencyMs));
            return id === 'Site_Url' ? this.siteUrlSetting() : undefined;
        }

        async isReadableById() {
            return true;
        }

        hideGroup = notHosted('ServerSettingBridge.hideGroup');
        hideSetting = notHosted('ServerSettingBridge.hideSetting');
        updateOne = notHosted('ServerSettingBridge.updateOne');
        incrementValue = notHosted('ServerSettingBridge.incrementValue');

        private siteUrlSetting() {
            return { id: 'Site_Url', type: 'string', packageValue: '', value: rc.siteUrl, required: true, public: true, i18nLabel: 'Site_Url' };
        }
    }

    class EnvironmentalVariable extends bridges.EnvironmentalVariableBridge {
        async getValueByName() {
            return undefined;
        }

        async isReadable() {
            return false;
        }

        async isSet() {
            return false;
        }
    }

    class Internal extends bridges.InternalBridge {
        async getUsernamesOfRoomById(roomId: string) {
            return this.getUsernamesOfRoomByIdSync(roomId);
        }

        getUsernamesOfRoomByIdSync(roomId: string) {
            const room = rc.rooms.get(roomId);
            return room ? room.userIds.map((id: string) => rc.users.get(id)?.username).filter(Boolean) : [];
        }

        async getWorkspacePublicKey() {
            return { id: 'Cloud_Workspace_PublicKey', value: keys.publicKey };
        }
    }

    class Federation {
        async getPrivateKey() {
            return keys.privateKey;
        }

        async getPublicKey() {
            return keys.publicKey;
        }
    }

    class Api extends bridges.ApiBridge {
        // Rocket.Chat's router serves only what was registered here (which needs the `api` permission).
        async registerApi(api: any, appId: string) {
            rc.routedApiPaths.add(routeKey(appId, api.endpoint.path));
        }

        async unregisterApis(appId: string) {
            [...rc.routedApiPaths].filter((key) => key.startsWith(routeKey(appId, ''))).forEach((key) => rc.routedApiPaths.delete(key));
        }
    }

    class Command extends bridges.CommandBridge {
        public readonly commands = new Map<string, any>();

        async doesCommandExist(command: string) {
            return this.commands.has(command);
        }

        async enableCommand() {}

        async disableCommand() {}

        async modifyCommand(command: any) {
            this.commands.set(command.command, command);
        }

        async registerCommand(command: any) {
            this.commands.set(command.command, command);
        }

        async unregisterCommand(command: string) {
            this.commands.delete(command);
        }
    }

    // Bridges the app does not use: notifications Rocket.Chat fans out to clients are no-ops, anything else
    // refuses loudly when called (the engine fetches every bridge up front, so refusing at lookup is too early).
    const silentBridges = ['AppActivation', 'AppDetailChanges', 'UiInteraction', 'Listener'];
    const unusedBridge = (name: string) =>
        new Proxy(
            {},
            {
                get: (target, method) =>
                    silentBridges.includes(name)
                        ? async () => undefined
                        : async () => {
                              throw new Error(`The test host has no ${name} bridge (${String(method)})`);
                          },
            },
        );

    const instances: Record<string, any> = {
        Persistence: new Persistence(),
        Http: new Http(),
        Livechat: new Livechat(),
        Message: new Message(),
        Room: new Room(),
        User: new User(),
        Upload: new Upload(),
        Scheduler: new Scheduler(),
        ServerSetting: new ServerSetting(),
        EnvironmentalVariable: new EnvironmentalVariable(),
        Internal: new Internal(),
        InternalFederation: new Federation(),
        Api: new Api(),
        Command: new Command(),
    };

    // Each call the engine makes on behalf of the app (its public do… methods), counted: what a request costs.
    const countedInstances = new Map<string, any>();
    const counted = (name: string, instance: any) => {
        if (!countedInstances.has(name)) {
            countedInstances.set(
                name,
                new Proxy(instance, {
                    get: (target, property, receiver) => {
                        if (typeof property === 'string' && property.startsWith('do')) {
                            const key = `${name}.${property}`;
                            rc.bridgeCalls.set(key, (rc.bridgeCalls.get(key) || 0) + 1);
                        }
                        return Reflect.get(target, property, receiver);
                    },
                }),
            );
        }
        return countedInstances.get(name);
    };

    class Bridges extends bridges.AppBridges {
        constructor() {
            super();
            // One getter per bridge, e.g. getLivechatBridge(); the rest are no-ops or refuse loudly.
            return new Proxy(this, {
                get: (target, property) => {
                    const match = /^get(\w+)Bridge$/.exec(String(property));
                    if (!match) {
                        return (target as any)[property];
                    }
                    const name = match[1];
                    if (instances[name]) {
                        return () => counted(name, instances[name]);
                    }
                    return () => unusedBridge(name);
                },
            });
        }
    }

    return new Bridges();
}

function plainAssociations(associations: Array<any>): Array<{ model: string; id: string }> {
    return associations.map((association) => ({ model: association.model, id: association.id }));
}

const typesByExtension: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', mp4: 'video/mp4', mp3: 'audio/mpeg', pdf: 'application/pdf', txt: 'text/plain' };

function mimeTypeOfName(name: string): string {
    const extension = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
    return typesByExtension[extension] || 'application/octet-stream';
}

/**
 * Rocket.Chat's AppHttpBridge: real HTTP with fetch, JSON `data` serialised, `content` as text in the
 * requested encoding (a Buffer for `encoding: null`), errors thrown.
 */
async function performHttpCall(info: any) {
    const { method, url, request } = info;
    const target = new URL(url);
    Object.entries(request.params || request.query || {}).forEach(([key, value]) => target.searchParams.set(key, String(value)));
    const headers: Record<string, string> = { ...(request.headers || {}) };
    let body: any = request.content;
    if (request.data !== undefined) {
        body = JSON.stringify(request.data);
        if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
            headers['Content-Type'] = 'application/json';
        }
    }
    if (request.auth) {
        headers.Authorization = `Basic ${Buffer.from(request.auth).toString('base64')}`;
    }
    const response = await fetch(target, {
        method: method.toUpperCase(),
        headers,
        body: ['GET', 'HEAD'].includes(method.toUpperCase()) ? undefined : body,
        signal: request.timeout ? AbortSignal.timeout(request.timeout) : undefined,
    });
    const raw = Buffer.from(await response.arrayBuffer());
    const result: any = {
        url: target.toString(),
        method,
        statusCode: response.status,
        headers: Object.fromEntries((response.headers as any).entries()),
        content: request.encoding === null ? raw : raw.toString(request.encoding || 'utf8'),
    };
    try {
        result.data = JSON.parse(raw.toString('utf8'));
    } catch {
        // Not JSON: the app reads `content`.
    }
    return result;
}
