import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { describeError } from '../errors';
import { GatewayClient, OutgoingMessage, SendOutcome } from '../messagegate/GatewayClient';
import { NoteLine } from '../notes/RoomNotes';
import { DeliveryOutcome } from '../outbox/OutboxItem';
import { DeliveryStatuses } from './deliveryStatus';
import { scheduleDeliveryPoll } from './deliveryPolling';

/** A file of the agent's message: read from Rocket.Chat for an MMS, or linked (absolute URL) in an SMS. */
export interface SmsFile {
    uploadId: string;
    name: string;
    type: string;
    url?: string;
}

/** An agent's reply to go out through MessageGate, under the gateway message id derived from it. */
export interface SmsDelivery {
    transport: 'messagegate';
    messageId: string;
    roomId: string;
    phone: string;
    text: string;
    files: Array<SmsFile>;
    /** The start of the reply, for the status note. */
    summary: string;
}

/**
 * Sends an agent's reply: an MMS when it has files (the seed's gateway build), else, or when the gateway
 * refuses MMS (the public build answers 400), one SMS with the text and the files' links. Once the gateway
 * has it, its delivery state is tracked and shown in the room.
 */
export async function sendSms(delivery: SmsDelivery, context: AppContext): Promise<DeliveryOutcome> {
    const settings = new SettingsReader(context.read);
    const gateway = await settings.gateway();
    if (!gateway) {
        return { kind: 'retry', reason: 'MessageGate is not set up (its URL, username and password in the Tickets app settings)' };
    }
    const [withDeliveryReport, simNumber, maxBytes] = await Promise.all([settings.deliveryReports(), settings.simNumber(), settings.maxAttachmentBytes()]);
    const client = new GatewayClient(context.http, gateway);
    const base = { id: delivery.messageId, phoneNumbers: [delivery.phone], withDeliveryReport, ...(simNumber ? { simNumber } : {}) };
    let notice: NoteLine | undefined;
    if (delivery.files.length) {
        const mms = await mmsOf(context, delivery, maxBytes);
        if ('attachments' in mms) {
            const outcome = await client.send({ ...base, mmsMessage: { ...(delivery.text ? { text: delivery.text } : {}), attachments: mms.attachments } });
            if (outcome.kind !== 'refused') {
                return finish(context, delivery, outcome, withDeliveryReport);
            }
            notice = { key: 'mmsSentAsLinks', values: { reason: outcome.reason } };
        } else {
            notice = { key: 'mmsSentAsLinks', values: { reason: mms.problem } };
        }
    }
    const text = [delivery.text, ...delivery.files.map((file) => file.url)].filter(Boolean).join('\n');
    if (!text) {
        return { kind: 'failed', reason: 'the message has no text and its files have no link (is the Site URL set?)' };
    }
    const message: OutgoingMessage = { ...base, textMessage: { text } };
    const outcome = await finish(context, delivery, await client.send(message), withDeliveryReport);
    return outcome.kind === 'delivered' && notice ? { ...outcome, notice } : outcome;
}

async function finish(context: AppContext, delivery: SmsDelivery, outcome: SendOutcome, expectsDeliveryReport: boolean): Promise<DeliveryOutcome> {
    if (outcome.kind === 'refused') {
        return { kind: 'failed', reason: outcome.reason };
    }
    if (outcome.kind !== 'accepted') {
        return outcome;
    }
    const { messageId, roomId, phone, summary } = delivery;
    await new DeliveryStatuses(context).sent(messageId, { roomId, phone, summary, expectsDeliveryReport, at: new Date().toISOString() });
    await scheduleDeliveryPoll(context, messageId);
    return { kind: 'delivered' };
}

/** The files as MMS parts (base64), or why they cannot go as an MMS. */
type MmsPart = NonNullable<OutgoingMessage['mmsMessage']>['attachments'][number];

async function mmsOf(context: AppContext, delivery: SmsDelivery, maxBytes: number): Promise<{ attachments: Array<MmsPart> } | { problem: string }> {
    const attachments: Array<MmsPart> = [];
    let total = 0;
    for (const file of delivery.files) {
        let content: Buffer;
        try {
            content = await context.read.getUploadReader().getBufferById(file.uploadId);
        } catch (error) {
            return { problem: `${file.name} could not be read (${describeError(error)})` };
        }
        total += content.length;
        if (total > maxBytes) {
            return { problem: `larger than the MMS limit of ${Math.round(maxBytes / 1024)} KB` };
        }
        attachments.push({ mimeType: file.type, filename: file.name, data: content.toString('base64') });
    }
    return { attachments };
}
