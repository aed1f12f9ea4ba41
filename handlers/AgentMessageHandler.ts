import { ILivechatMessage } from '@rocket.chat/apps-engine/definition/livechat';
import { IMessage } from '@rocket.chat/apps-engine/definition/messages';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';

import { SettingsReader } from '../settings/SettingsReader';
import { AppContext } from '../lib/AppContext';
import { agentAttachments } from '../lib/attachments';
import { systemMessageType } from '../lib/messages';
import { Outbox } from '../lib/outbox/Outbox';
import { agentMessageCallback } from '../lib/rapidpro/callbacks';
import { timeOf } from '../lib/time';
import { TicketStore } from '../lib/tickets/TicketStore';

const SUMMARY_LENGTH = 80;

/**
 * IPostMessageSent: what an agent writes in a RapidPro ticket room goes to RapidPro as `agent-message`.
 * Visitor messages, system messages (a close, a transfer) and the app's own notes are not the agent's.
 */
export class AgentMessageHandler {
    constructor(private readonly context: AppContext) {}

    public async run(message: IMessage): Promise<void> {
        const { read } = this.context;
        if (message.room.type !== RoomType.LIVE_CHAT || !message.id || systemMessageType(message) || (await this.isFromVisitorOrApp(message))) {
            return;
        }
        const ticket = await new TicketStore(read.getPersistenceReader(), this.context.persistence).byRoom(message.room.id);
        // A closed ticket still takes the messages sent before the close: handlers run concurrently, and the
        // room-closed event may be handled before the agent's last reply.
        if (!ticket || ticket.origin !== 'rapidpro') {
            return;
        }
        const hasFiles = Boolean(message.file || (message.attachments && message.attachments.length));
        const attachments = hasFiles ? agentAttachments(message, await new SettingsReader(read).siteUrl()) : [];
        const text = message.text || '';
        if (!text && !attachments.length) {
            return;
        }
        const outbox = new Outbox(this.context);
        await outbox.enqueue({
            id: `agent-message:${message.id}`,
            roomId: ticket.roomId,
            happenedAt: timeOf(message.createdAt),
            failureNote: { key: 'replyNotDelivered', values: { summary: summarize(text, attachments.map((attachment) => attachment.url)) } },
            delivery: { transport: 'rapidpro-callback', body: agentMessageCallback(ticket, text, attachments) },
        });
        await outbox.drain(ticket.roomId, 'event');
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
}

function summarize(text: string, urls: Array<string>): string {
    const whole = [text, ...urls].filter(Boolean).join(' ');
    return whole.length > SUMMARY_LENGTH ? `${whole.slice(0, SUMMARY_LENGTH - 1)}…` : whole;
}
