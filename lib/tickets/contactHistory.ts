import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { describeError } from '../errors';
import { log } from '../log';
import { postNotes, tellAgents } from '../notes/RoomNotes';
import { ContactMessagesClient } from '../rapidpro/ContactMessagesClient';
import { historyNotes } from './historyText';

export const CONTACT_HISTORY_PROCESSOR = 'contact-history';

export interface ContactHistoryJob {
    roomId: string;
    contactUUID: string;
    /** ISO 8601: the start of the session, or the configured hours back. */
    after: string;
    attempt: number;
}

const MAX_ATTEMPTS = 3;
const RETRY_SECONDS = 30;

/**
 * Schedules showing a new room's agents what the contact said to RapidPro before the handover, since the
 * session started (or the configured hours back). It runs as a job: the `room` call must not wait for it.
 * Needs a RapidPro API token and the contact's UUID; without them there is nothing to fetch.
 */
export async function scheduleContactHistory(context: AppContext, roomId: string, contactUUID: string | undefined, sessionStart: string | undefined): Promise<void> {
    try {
        const settings = new SettingsReader(context.read);
        const [token, hours] = await Promise.all([settings.apiToken(), settings.historyHours()]);
        if (!token || !contactUUID || (!sessionStart && hours === 0)) {
            return;
        }
        const after = sessionStart || new Date(Date.now() - hours * 3600 * 1000).toISOString();
        await scheduleAttempt(context, { roomId, contactUUID, after, attempt: 1 }, 0);
    } catch (error) {
        // The room is open and RapidPro must hear so: a history that cannot be scheduled is only logged.
        context.logger.error(log.historyNotScheduled(roomId, describeError(error)));
    }
}

/** The job: fetches the contact's messages from RapidPro and posts them; retries a few times, then says why not. */
export async function showContactHistory(context: AppContext, job: ContactHistoryJob): Promise<void> {
    const settings = new SettingsReader(context.read);
    const [token, callbackUrl, timeoutMs, language] = await Promise.all([settings.apiToken(), settings.callbackUrl(), settings.requestTimeoutMs(), settings.notesLanguage()]);
    if (!token) {
        return;
    }
    const origin = apiOriginOf(callbackUrl);
    if (!origin) {
        context.logger.error(log.historyFailed(job.roomId, HTTPS_ONLY));
        await tellAgents(context, job.roomId, [{ key: 'historyNotLoaded', values: { reason: HTTPS_ONLY } }]);
        return;
    }
    const outcome = await new ContactMessagesClient(context.http).messagesOf({ origin, token, contactUUID: job.contactUUID, after: job.after, timeoutMs });
    if (outcome.kind === 'loaded') {
        await postNotes(context, job.roomId, historyNotes(outcome.messages, job.after, language));
        return;
    }
    if (outcome.kind === 'retry' && job.attempt < MAX_ATTEMPTS) {
        context.logger.warn(log.historyRetry(job.roomId, job.attempt, RETRY_SECONDS, outcome.reason));
        await scheduleAttempt(context, { ...job, attempt: job.attempt + 1 }, RETRY_SECONDS);
        return;
    }
    context.logger.error(log.historyFailed(job.roomId, outcome.reason));
    await tellAgents(context, job.roomId, [{ key: 'historyNotLoaded', values: { reason: outcome.reason } }]);
}

const HTTPS_ONLY = 'the API token is only sent to RapidPro over https (check the RapidPro callback URL)';

/**
 * RapidPro's API lives on the server that registered the callback URL. The token opens the whole RapidPro
 * workspace, so it travels only over https (plain http only to this machine, for a local RapidPro).
 */
function apiOriginOf(callbackUrl: string): string | undefined {
    const match = /^(https?):\/\/([^/?#@]+)/i.exec(callbackUrl);
    if (!match) {
        return undefined;
    }
    const host = match[2].replace(/:\d+$/, '').toLowerCase();
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(host);
    return match[1].toLowerCase() === 'https' || local ? `${match[1].toLowerCase()}://${match[2]}` : undefined;
}

async function scheduleAttempt(context: AppContext, job: ContactHistoryJob, inSeconds: number): Promise<void> {
    const when = new Date(Date.now() + inSeconds * 1000).toISOString();
    await context.modify.getScheduler().scheduleOnce({ id: CONTACT_HISTORY_PROCESSOR, when, data: job });
}
