import { ILivechatRoom, IVisitor } from '@rocket.chat/apps-engine/definition/livechat';

import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { describeError } from '../errors';
import { isOwnMessageId } from '../messagegate/messageIds';
import { smsToken } from '../messagegate/phone';
import { DEFAULT_MIME_TYPE, nameWithExtension } from '../mime';
import { tellAgents } from '../notes/RoomNotes';
import { DeliveryStatuses } from '../sms/deliveryStatus';
import { SeenEvents } from '../sms/SeenEvents';
import { smsConversationOrRetryLater } from '../sms/smsConversation';
import { withTokenLock } from '../tickets/tokenLock';
import { fileNameOf } from '../url';
import { keepEarlyDelivery, reportLockKey } from './earlyReports';
import { appMessageIdOf } from './sendViaProvider';
import { ProviderEvent } from './webhookEvents';

/** `kept`: a delivery report for an id Tickets does not know yet, applied if a send answered with that id comes. */
export type ProviderOutcome = 'accepted' | 'duplicate' | 'ignored' | 'kept';

/**
 * One event of the provider: a contact's text or file into the number's room (opened with the provider as
 * its route), or a delivery report onto the agent's message. A message the provider gave an id is taken once,
 * however often the provider posts it.
 */
export async function receiveFromProvider(context: AppContext, provider: string, event: ProviderEvent): Promise<ProviderOutcome> {
    if (event.kind === 'ignored') {
        return 'ignored';
    }
    if (event.kind === 'delivered') {
        const { providerId } = event;
        return context.locks.run(reportLockKey(provider, providerId), async () => {
            const messageId = (await appMessageIdOf(context, provider, providerId)) || (isOwnMessageId(providerId) ? providerId : undefined);
            if (!messageId) {
                await keepEarlyDelivery(context, provider, providerId);
                return 'kept';
            }
            await new DeliveryStatuses(context).report(messageId, 'Delivered');
            return 'accepted';
        });
    }
    const keys = event.providerId ? [`provider:${provider}:${event.kind}:${event.providerId}`] : [];
    return withTokenLock(context, smsToken(event.phone), async () => {
        const seen = new SeenEvents(context);
        if (keys.length && (await seen.anySeen(keys))) {
            return 'duplicate';
        }
        // Nothing was accepted yet: a 503 makes the provider deliver the message again later.
        const { room, visitor } = await smsConversationOrRetryLater(context, event.phone, 'The SMS', { route: { via: 'provider', provider } });
        if (event.text) {
            const creator = context.modify.getCreator();
            await creator.finish(creator.startLivechatMessage().setRoom(room).setVisitor(visitor).setText(event.text));
        }
        if (event.kind === 'mms') {
            await copyFile(context, room, visitor, event.url);
        }
        if (keys.length) {
            await seen.remember(keys);
        }
        return 'accepted';
    });
}

/** The file the provider links to, uploaded as the visitor's; one that cannot be had is a note with its link, so it is not lost. */
async function copyFile(context: AppContext, room: ILivechatRoom, visitor: IVisitor, url: string): Promise<void> {
    const settings = new SettingsReader(context.read);
    const [maxBytes, timeoutMs] = await Promise.all([settings.maxAttachmentBytes(), settings.requestTimeoutMs()]);
    const missing = (reason: string) => tellAgents(context, room.id, [{ key: 'mmsPartMissing', values: { file: url, reason } }]);
    let content: Buffer;
    let mimeType: string;
    try {
        const response = await context.http.get(url, { encoding: 'base64', timeout: timeoutMs });
        if (!response || response.statusCode !== 200 || typeof response.content !== 'string') {
            return missing(`the provider answered HTTP ${response ? response.statusCode : 'nothing'}`);
        }
        content = Buffer.from(response.content, 'base64');
        const headers = (response.headers || {}) as Record<string, string>;
        const type = Object.keys(headers).find((name) => name.toLowerCase() === 'content-type');
        mimeType = (type && String(headers[type]).split(';')[0].trim()) || DEFAULT_MIME_TYPE;
    } catch (error) {
        return missing(`it could not be fetched (${describeError(error)})`);
    }
    if (content.length > maxBytes) {
        return missing(`${Math.round(content.length / 1024)} KB is over the limit of ${Math.round(maxBytes / 1024)} KB`);
    }
    try {
        const filename = nameWithExtension(fileNameOf(url) || 'file', mimeType);
        await context.modify.getCreator().getUploadCreator().uploadBuffer(content, { filename, room, visitorToken: visitor.token });
    } catch (error) {
        await missing(`Rocket.Chat did not store it (${describeError(error)})`);
    }
}
