import { messageView, roomView, sentSmsView, settingView } from './console-views';
import type { Sandbox } from './sandbox';

export class ApiError extends Error {
    constructor(public readonly status: number, message: string) {
        super(message);
    }
}

interface Request {
    params: Array<string>;
    body: any;
}

/** One route of the console's JSON API under `/sandbox/api/`: routes are data, as the app's own endpoints. */
interface ConsoleRoute {
    method: 'GET' | 'POST' | 'PUT';
    pattern: RegExp;
    handle: (sandbox: Sandbox, request: Request) => Promise<unknown> | unknown;
}

interface UploadedFile {
    name: string;
    type: string;
    data: string;
}

const advanceStates = ['Processed', 'Sent', 'Delivered', 'Failed', 'Cancelled'] as const;
const APP_LOG_LINES = 40;

export const consoleRoutes: Array<ConsoleRoute> = [
    { method: 'GET', pattern: /^overview$/, handle: overview },
    { method: 'GET', pattern: /^rooms\/([^/]+)\/messages$/, handle: (sandbox, { params }) => livechatRoom(sandbox, params[0]) && sandbox.rc.messagesIn(params[0]).map(messageView) },
    { method: 'POST', pattern: /^rooms\/([^/]+)\/reply$/, handle: reply },
    { method: 'POST', pattern: /^rooms\/([^/]+)\/close$/, handle: close },
    { method: 'POST', pattern: /^sms-command$/, handle: smsCommand },
    { method: 'POST', pattern: /^contact\/sms$/, handle: contactSms },
    { method: 'POST', pattern: /^contact\/mms$/, handle: contactMms },
    { method: 'POST', pattern: /^rapidpro\/tickets$/, handle: (sandbox, { body }) => sandbox.rapidPro.openTicket({ name: required(body, 'name'), phone: optional(body, 'phone'), token: optional(body, 'token'), text: optional(body, 'text') }) },
    { method: 'POST', pattern: /^rapidpro\/tickets\/([^/]+)\/messages$/, handle: (sandbox, { params, body }) => sandbox.rapidPro.contactMessage(params[0], required(body, 'text'), optional(body, 'attachmentUrl')) },
    { method: 'POST', pattern: /^rapidpro\/tickets\/([^/]+)\/close$/, handle: (sandbox, { params }) => sandbox.rapidPro.closeTicket(params[0]) },
    { method: 'POST', pattern: /^gateway\/messages\/([^/]+)\/advance$/, handle: advance },
    { method: 'GET', pattern: /^settings$/, handle: (sandbox) => sandbox.host.settings().map(settingView) },
    { method: 'PUT', pattern: /^settings$/, handle: saveSettings },
];

/** Everything the console polls for: rooms, the phone's sent messages, RapidPro's side, the agent's notices, app logs. */
function overview(sandbox: Sandbox) {
    const agent = sandbox.agent();
    return {
        agent: { username: agent.username, name: agent.name },
        rooms: [...sandbox.rc.rooms.values()]
            .filter((room) => room.type === 'l')
            .map((room) => roomView(sandbox, room))
            .sort((a, b) => new Date(b.lastMessageAt).getTime() - new Date(a.lastMessageAt).getTime()),
        sentSms: sandbox.gateway.sent.map((sent) => sentSmsView(sandbox, sent)).reverse(),
        rapidPro: {
            tickets: [...sandbox.rapidPro.currentTickets()].reverse(),
            callbacks: sandbox.rapidPro.standIn.callbacks.map((callback) => ({ body: callback.body, answeredWith: callback.answeredWith })).reverse(),
        },
        notices: sandbox.rc.notifications
            .filter((notification) => notification.user.id === agent.id)
            .map((notification) => notification.message.text)
            .reverse(),
        appLog: sandbox.host.appLogText().split('\n').filter(Boolean).slice(-APP_LOG_LINES).reverse(),
    };
}

/** The agent writes in the room (text, a file, or both), as Rocket.Chat's composer does: the app hears IPostMessageSent. */
function reply(sandbox: Sandbox, { params, body }: Request) {
    const room = livechatRoom(sandbox, params[0]);
    const file = body.file ? decodeFile(body.file, 'file') : undefined;
    const text = optional(body, 'text') || '';
    if (!text && !file) {
        throw new ApiError(400, 'text or file is required');
    }
    if (!room.isOpen) {
        throw new ApiError(409, 'The room is closed');
    }
    return messageView(sandbox.rc.agentSends(room.id, sandbox.agent(), text, file));
}

function close(sandbox: Sandbox, { params, body }: Request) {
    const room = livechatRoom(sandbox, params[0]);
    if (!sandbox.rc.closeLivechatRoom(room.id, optional(body, 'comment') || 'Closed by the agent', sandbox.agent())) {
        throw new ApiError(409, 'The room is already closed');
    }
}

/** `/sms <number> <text>` typed in a room (the selected one, or #general); answers with what the app told the agent. */
async function smsCommand(sandbox: Sandbox, { body }: Request) {
    const room = sandbox.rc.rooms.get(optional(body, 'roomId') || sandbox.generalRoomId);
    if (!room) {
        throw new ApiError(404, 'No such room');
    }
    const args = String(body.args || '').trim().split(/\s+/).filter(Boolean);
    const before = sandbox.rc.notifications.length;
    await sandbox.host.runCommand('sms', args, sandbox.agent(), room);
    return { notices: sandbox.rc.notifications.slice(before).map((notification) => notification.message.text) };
}

/** The contact texts the gateway phone: it delivers `sms:received` to the app's webhook, signed. */
async function contactSms(sandbox: Sandbox, { body }: Request) {
    const delivery = await sandbox.gateway.receiveSms(required(body, 'from'), required(body, 'text'));
    return { webhookStatuses: delivery.statuses, answers: delivery.bodies };
}

async function contactMms(sandbox: Sandbox, { body }: Request) {
    const files: Array<UploadedFile> = Array.isArray(body.files) ? body.files : [];
    if (files.length === 0) {
        throw new ApiError(400, 'files must hold at least one file');
    }
    const parts = files.map((file, index) => {
        const decoded = decodeFile(file, `files[${index}]`);
        return { content: decoded.content, mimeType: decoded.type, filename: decoded.name };
    });
    const deliveries = await sandbox.gateway.receiveMms(required(body, 'from'), { text: optional(body, 'text'), subject: optional(body, 'subject'), parts });
    return { webhookStatuses: deliveries.flatMap((delivery) => delivery.statuses), answers: deliveries.flatMap((delivery) => delivery.bodies) };
}

/** The phone reports the next state of a message it sent (sms:sent, sms:delivered, sms:failed …). */
async function advance(sandbox: Sandbox, { params, body }: Request) {
    const state = required(body, 'state');
    if (!(advanceStates as ReadonlyArray<string>).includes(state)) {
        throw new ApiError(400, `state must be one of ${advanceStates.join(', ')}`);
    }
    if (!sandbox.gateway.stateOf(params[0])) {
        throw new ApiError(404, `The phone has no message ${params[0]}`);
    }
    return { webhookStatuses: await sandbox.gateway.advance(params[0], state as (typeof advanceStates)[number], { reason: optional(body, 'reason') }) };
}

/** Saves the settings as the admin UI does, one by one, so the app's setting hooks run for each. */
async function saveSettings(sandbox: Sandbox, { body }: Request) {
    const values = body.values && typeof body.values === 'object' ? body.values : undefined;
    if (!values) {
        throw new ApiError(400, 'values is required');
    }
    const settings = new Map(sandbox.host.settings().map((setting) => [setting.id, setting]));
    for (const id of Object.keys(values)) {
        if (!settings.has(id)) {
            throw new ApiError(400, `The app has no setting ${id}`);
        }
    }
    for (const [id, value] of Object.entries(values)) {
        await sandbox.host.setSetting(id, typedValue(settings.get(id).type, value, id));
    }
    return sandbox.host.settings().map(settingView);
}

function typedValue(type: string, value: unknown, id: string): unknown {
    if (type === 'boolean') {
        return value === true || value === 'true';
    }
    if (type === 'int' || type === 'number') {
        const number = Number(value);
        if (String(value).trim() === '' || !Number.isFinite(number)) {
            throw new ApiError(400, `${id} must be a number`);
        }
        return number;
    }
    return String(value ?? '');
}

function livechatRoom(sandbox: Sandbox, roomId: string): any {
    const room = sandbox.rc.rooms.get(roomId);
    if (!room || room.type !== 'l') {
        throw new ApiError(404, `No livechat room ${roomId}`);
    }
    return room;
}

function decodeFile(file: UploadedFile, field: string): { name: string; type: string; content: Buffer } {
    if (!file || typeof file.name !== 'string' || !file.name || typeof file.data !== 'string') {
        throw new ApiError(400, `${field} must be {name, type, data (base64)}`);
    }
    return { name: file.name, type: file.type || 'application/octet-stream', content: Buffer.from(file.data, 'base64') };
}

function required(body: any, field: string): string {
    const value = optional(body, field);
    if (!value) {
        throw new ApiError(400, `${field} is required`);
    }
    return value;
}

function optional(body: any, field: string): string | undefined {
    const value = body[field];
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
