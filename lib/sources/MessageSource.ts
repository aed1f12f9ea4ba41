import { entryFields, entryText, parseJsonSetting } from '../jsonSetting';
import { SmsRoute } from '../tickets/Ticket';

/**
 * A system that posts the SMS it receives to `messages/incoming` (Message Manager's interface): who it
 * logs in as, where its conversations go, and how their replies leave.
 */
export interface MessageSource {
    id: string;
    name: string;
    username: string;
    password: string;
    /** Name or id of the Omnichannel department of its conversations; empty: the SMS department. */
    department: string;
    route: SmsRoute;
}

const FIELDS = ['id', 'name', 'username', 'password', 'department', 'replies'];
const PROVIDER_PREFIX = 'provider:';

/** `messagegate` (the default), or `provider:<name>`: the HTTP SMS provider whose template has that name. */
function replyRoute(replies: string): SmsRoute | undefined {
    if (replies === 'messagegate') {
        return { via: 'messagegate' };
    }
    const provider = replies.startsWith(PROVIDER_PREFIX) ? replies.slice(PROVIDER_PREFIX.length).trim() : '';
    return provider ? { via: 'provider', provider } : undefined;
}

/** The Message sources setting: a JSON array of sources, each with a unique id and a unique username. */
export function parseMessageSources(text: string): Array<MessageSource> {
    const value = parseJsonSetting(text);
    if (value === undefined) {
        return [];
    }
    if (!Array.isArray(value)) {
        throw new Error('it must be a JSON array of sources, e.g. [{"id": "1", "username": "gateway", "password": "…"}]');
    }
    const sources = value.map((item, index) => parseSource(item, index + 1));
    for (const field of ['id', 'username'] as const) {
        const seen = new Set<string>();
        for (const source of sources) {
            if (seen.has(source[field])) {
                throw new Error(`two sources have the ${field} "${source[field]}"`);
            }
            seen.add(source[field]);
        }
    }
    return sources;
}

function parseSource(item: unknown, position: number): MessageSource {
    const fields = entryFields(item, `source ${position}`, FIELDS);
    const id = entryText(fields, 'id', `source ${position}`, true);
    if (!/^[\w-]{1,36}$/.test(id)) {
        throw new Error(`source ${position}: "id" must be 1 to 36 letters, digits, "_" or "-"`);
    }
    const where = `source ${id}`;
    const username = entryText(fields, 'username', where, true);
    if (username.includes(':')) {
        throw new Error(`${where}: "username" must not contain ":" (Basic authentication)`);
    }
    const password = entryText(fields, 'password', where, true);
    const replies = entryText(fields, 'replies', where, false) || 'messagegate';
    const route = replyRoute(replies);
    if (!route) {
        throw new Error(`${where}: "replies" must be "messagegate" or "provider:<name of the SMS provider template>"`);
    }
    return { id, name: entryText(fields, 'name', where, false) || `Source ${id}`, username, password, department: entryText(fields, 'department', where, false), route };
}
