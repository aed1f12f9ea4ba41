import { ILivechatRoom, IVisitor } from '@rocket.chat/apps-engine/definition/livechat';

import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { sha256Hex } from '../crypto/sha256';
import { describeError } from '../errors';
import { GatewayClient } from '../messagegate/GatewayClient';
import { nameWithExtension } from '../mime';
import { smsToken } from '../messagegate/phone';
import { GatewayEvent } from '../messagegate/webhookEvents';
import { NoteLine, tellAgents } from '../notes/RoomNotes';
import { withTokenLock } from '../tickets/tokenLock';
import { SeenEvents } from './SeenEvents';
import { smsConversationOrRetryLater } from './smsConversation';

export type InboundEvent = Extract<GatewayEvent, { kind: 'sms' | 'mms' }>;

/**
 * An SMS or MMS from a contact, into the number's room as the visitor's message; `duplicate` when it is
 * already there. Each event is known by its envelope id and by its content, as the gateway's guide says:
 * `(phoneNumber, message, receivedAt)` for an SMS, `(transactionId, phoneNumber)` for an MMS, because the
 * phone may send the same message again under a new envelope. Everything happens under the number's lock,
 * so a burst of first messages from a new number opens one room.
 */
export async function receiveInbound(context: AppContext, event: InboundEvent): Promise<'accepted' | 'duplicate'> {
    const keys = keysOf(event);
    return withTokenLock(context, smsToken(event.phone), async () => {
        const seen = new SeenEvents(context);
        if (await seen.anySeen(keys)) {
            return 'duplicate';
        }
        // Nothing was accepted yet: a 503 makes the gateway deliver the message again later.
        const { room, visitor } = await smsConversationOrRetryLater(context, event.phone, 'The SMS', { route: { via: 'messagegate' } });
        if (event.text) {
            await postAsVisitor(context, room, visitor, event.text);
        }
        if (event.kind === 'mms') {
            await postMmsParts(context, room, visitor, event);
        }
        await seen.remember(keys);
        return 'accepted';
    });
}

/** The keys an event is known by; contents are hashed, so the contact's words are not kept in the app's records. */
function keysOf(event: InboundEvent): Array<string> {
    const keys = [`envelope:${event.envelopeId}`];
    if (event.kind === 'mms') {
        keys.push(`mms:${sha256Hex(`${event.transactionId}\n${event.phone}`)}`);
    } else if (event.receivedAt) {
        // Without its receive time, the same text twice ("yes", "yes") is two messages.
        keys.push(`sms:${sha256Hex(`${event.phone}\n${event.text}\n${event.receivedAt}`)}`);
    }
    return keys;
}

async function postAsVisitor(context: AppContext, room: ILivechatRoom, visitor: IVisitor, text: string): Promise<void> {
    const creator = context.modify.getCreator();
    await creator.finish(creator.startLivechatMessage().setRoom(room).setVisitor(visitor).setText(text));
}

/**
 * Every part as a file from the visitor. A part that cannot be had (too large, the gateway will not give it,
 * Rocket.Chat will not store it) becomes a note to the agents, and the others still arrive.
 */
async function postMmsParts(context: AppContext, room: ILivechatRoom, visitor: IVisitor, event: Extract<InboundEvent, { kind: 'mms' }>): Promise<void> {
    const settings = new SettingsReader(context.read);
    const [maxBytes, gateway] = await Promise.all([settings.maxAttachmentBytes(), settings.gateway()]);
    const client = gateway && new GatewayClient(context.http, gateway);
    const missing: Array<NoteLine> = [];
    const tooLarge = (size: number) => `${Math.round(size / 1024)} KB is over the limit of ${Math.round(maxBytes / 1024)} KB`;
    const upload = async (filename: string, mimeType: string, base64: string) => {
        const content = Buffer.from(base64, 'base64');
        if (content.length > maxBytes) {
            missing.push({ key: 'mmsPartMissing', values: { file: filename, reason: tooLarge(content.length) } });
            return;
        }
        try {
            await context.modify.getCreator().getUploadCreator().uploadBuffer(content, { filename: nameWithExtension(filename, mimeType), room, visitorToken: visitor.token });
        } catch (error) {
            missing.push({ key: 'mmsPartMissing', values: { file: filename, reason: `Rocket.Chat did not store it (${describeError(error)})` } });
        }
    };
    for (const link of event.links) {
        const problem =
            link.size !== undefined && link.size > maxBytes ? tooLarge(link.size) : !link.downloadUrl ? 'the gateway gave no download link' : !client ? 'MessageGate is not set up' : undefined;
        if (problem) {
            missing.push({ key: 'mmsPartMissing', values: { file: link.filename, reason: problem } });
            continue;
        }
        const fetched = await client!.download(link.downloadUrl!);
        if ('problem' in fetched) {
            missing.push({ key: 'mmsPartMissing', values: { file: link.filename, reason: fetched.problem } });
        } else {
            await upload(link.filename, link.mimeType, fetched.base64);
        }
    }
    for (const part of event.parts) {
        await upload(part.filename, part.mimeType, part.data);
    }
    if (missing.length) {
        await tellAgents(context, room.id, missing);
    }
}
