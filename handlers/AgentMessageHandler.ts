import { ILivechatMessage } from '@rocket.chat/apps-engine/definition/livechat';
import { IMessage } from '@rocket.chat/apps-engine/definition/messages';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';

import { AppContext } from '../lib/AppContext';
import { agentFiles } from '../lib/attachments';
import { systemMessageType } from '../lib/messages';
import { tellAgents } from '../lib/notes/RoomNotes';
import { NewOutboxItem, Outbox } from '../lib/outbox/Outbox';
import { gatewayMessageId } from '../lib/messagegate/messageIds';
import { agentMessageCallback, CallbackAttachment } from '../lib/rapidpro/callbacks';
import { SmsFile } from '../lib/sms/sendSms';
import { summarize } from '../lib/sms/summary';
import { Ticket } from '../lib/tickets/Ticket';
import { TicketStore } from '../lib/tickets/TicketStore';
import { timeOf } from '../lib/time';
import { SettingsReader } from '../settings/SettingsReader';

/**
 * IPostMessageSent: what an agent writes in a ticket room goes out: to RapidPro as `agent-message`, or as an
 * SMS through MessageGate or the room's template provider.
 * Visitor messages, system messages (a close, a transfer) and the app's own notes are not the agent's.
 */
export class AgentMessageHandler {
    constructor(private readonly context: AppContext) {}

    public async run(message: IMessage): Promise<void> {
        if (message.room.type !== RoomType.LIVE_CHAT) {
            return;
        }
        const roomId = message.room.id;
        const { handlersInFlight } = this.context;
        const arrival = handlersInFlight.begin(roomId);
        let drainNow = false;
        try {
            if (await this.queueAgentReply(message, arrival)) {
                handlersInFlight.markQueued(roomId);
            }
        } finally {
            drainNow = handlersInFlight.end(roomId);
        }
        if (drainNow) {
            await new Outbox(this.context).drain(roomId, { kind: 'event' });
        }
    }

    /**
     * Queues the message if it is an agent's reply in a ticket room: for RapidPro, or as SMS in an SMS room (and
     * in a RapidPro room whose contact has a phone, when replies by SMS are on); whether it was queued.
     */
    private async queueAgentReply(message: IMessage, arrival: number): Promise<boolean> {
        if (!message.id || systemMessageType(message) || (await this.isFromVisitorOrApp(message))) {
            return false;
        }
        // A closed ticket still takes the messages sent before the close: the room-closed event may be
        // handled before the agent's last reply.
        const ticket = await TicketStore.of(this.context).byRoom(message.room.id);
        if (!ticket) {
            return false;
        }
        const attachments = await this.attachmentsOf(message);
        const text = message.text || '';
        if (!text && !attachments.length) {
            return false;
        }
        const common = { id: `agent-message:${message.id}`, roomId: ticket.roomId, happenedAt: timeOf(message.createdAt), arrival };
        if (ticket.origin === 'sms' && ticket.route && ticket.route.via === 'provider') {
            await this.queueProviderReply(message, ticket.route.provider, ticket.phone, text, attachments, common);
            return true;
        }
        const summary = summarize(text, attachments.map((attachment) => attachment.url));
        if (await this.repliesBySms(ticket)) {
            const files = smsFiles(message, attachments);
            const links = attachments.filter((attachment) => !files.some((file) => file.url === attachment.url)).map((attachment) => attachment.url);
            await new Outbox(this.context).enqueue({
                ...common,
                failureNote: { key: 'smsNotDelivered', values: { summary } },
                heldNote: 'smsRepliesHeld',
                delivery: {
                    transport: 'messagegate',
                    messageId: gatewayMessageId(message.id),
                    roomId: ticket.roomId,
                    phone: ticket.phone as string,
                    text: [text, ...links].filter(Boolean).join('\n'),
                    files,
                    summary,
                },
            });
            return true;
        }
        if (ticket.origin !== 'rapidpro') {
            return false;
        }
        await new Outbox(this.context).enqueue({
            ...common,
            failureNote: { key: 'replyNotDelivered', values: { summary } },
            heldNote: 'repliesHeld',
            delivery: { transport: 'rapidpro-callback', body: agentMessageCallback(ticket, text, attachments) },
        });
        return true;
    }

    /**
     * A reply through a template provider: its text, then its uploaded file, each its own outbox item under its
     * own message id, so a retry of one never sends the other again.
     */
    private async queueProviderReply(
        message: IMessage,
        provider: string,
        phone: string,
        text: string,
        attachments: Array<CallbackAttachment>,
        common: Pick<NewOutboxItem, 'id' | 'roomId' | 'happenedAt' | 'arrival'>,
    ): Promise<void> {
        const outbox = new Outbox(this.context);
        const [file] = smsFiles(message, attachments).filter((candidate) => candidate.url);
        const links = attachments.filter((attachment) => !file || attachment.url !== file.url).map((attachment) => attachment.url);
        const body = [text, ...links].filter(Boolean).join('\n');
        const base = { transport: 'provider' as const, provider, roomId: common.roomId, phone };
        const held = { heldNote: 'providerRepliesHeld' as const };
        if (body) {
            const summary = summarize(body, []);
            await outbox.enqueue({
                ...common,
                ...held,
                failureNote: { key: 'smsNotDelivered', values: { summary } },
                delivery: { ...base, messageId: gatewayMessageId(message.id as string), text: body, summary },
            });
        }
        if (file) {
            await outbox.enqueue({
                ...common,
                ...held,
                id: `${common.id}:file`,
                failureNote: { key: 'smsNotDelivered', values: { summary: file.name } },
                delivery: { ...base, messageId: gatewayMessageId(`${message.id as string}-file`), text: '', file: { name: file.name, type: file.type, url: file.url as string }, summary: file.name },
            });
        }
    }

    /** An SMS room's replies go out as SMS; a RapidPro room's too when its contact has a phone and the setting says so. */
    private async repliesBySms(ticket: Ticket): Promise<boolean> {
        return ticket.origin === 'sms' || (Boolean(ticket.phone) && (await new SettingsReader(this.context.read).rapidProRepliesBySms()));
    }

    private async isFromVisitorOrApp(message: IMessage): Promise<boolean> {
        // Rocket.Chat marks a visitor's message with the visitor token (the app's own livechat messages too).
        const fromVisitor = Boolean((message as ILivechatMessage).token || (message as ILivechatMessage).visitor);
        if (fromVisitor) {
            return true;
        }
        const appUser = await this.context.read.getUserReader().getAppUser();
        return Boolean(appUser && message.sender && message.sender.id === appUser.id);
    }

    /** The message's files as absolute URLs; files that cannot be linked (no Site URL) are reported to the agents. */
    private async attachmentsOf(message: IMessage) {
        if (!message.file && !(message.attachments && message.attachments.length)) {
            return [];
        }
        const { attachments, unreachable } = agentFiles(message, await new SettingsReader(this.context.read).siteUrl());
        if (unreachable.length) {
            await tellAgents(this.context, message.room.id, [{ key: 'filesNeedSiteUrl', values: { files: unreachable.join(', ') } }]);
        }
        return attachments;
    }
}

/** The message's uploaded file, to go as an MMS part, with its link for when it has to go as a link. */
function smsFiles(message: IMessage, attachments: Array<CallbackAttachment>): Array<SmsFile> {
    const { file } = message;
    if (!file) {
        return [];
    }
    const linked = attachments.find((attachment) => attachment.url.includes(file._id));
    return [{ uploadId: file._id, name: file.name, type: file.type || (linked && linked.type) || 'application/octet-stream', url: linked && linked.url }];
}
