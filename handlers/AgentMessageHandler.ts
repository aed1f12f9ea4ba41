import { ILivechatMessage } from '@rocket.chat/apps-engine/definition/livechat';
import { IMessage } from '@rocket.chat/apps-engine/definition/messages';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';

import { AppContext } from '../lib/AppContext';
import { agentFiles } from '../lib/attachments';
import { systemMessageType } from '../lib/messages';
import { tellAgents } from '../lib/notes/RoomNotes';
import { Outbox } from '../lib/outbox/Outbox';
import { agentMessageCallback } from '../lib/rapidpro/callbacks';
import { TicketStore } from '../lib/tickets/TicketStore';
import { timeOf } from '../lib/time';
import { SettingsReader } from '../settings/SettingsReader';

const SUMMARY_LENGTH = 80;

/**
 * IPostMessageSent: what an agent writes in a RapidPro ticket room goes to RapidPro as `agent-message`.
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

    /** Queues the message for RapidPro if it is an agent's reply in a RapidPro ticket room; whether it was. */
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
        await new Outbox(this.context).enqueue({
            id: `agent-message:${message.id}`,
            roomId: ticket.roomId,
            happenedAt: timeOf(message.createdAt),
            arrival,
            failureNote: { key: 'replyNotDelivered', values: { summary: summarize(text, attachments.map((attachment) => attachment.url)) } },
            delivery: { transport: 'rapidpro-callback', body: agentMessageCallback(ticket, text, attachments) },
        });
        return true;
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

function summarize(text: string, urls: Array<string>): string {
    const whole = [text, ...urls].filter(Boolean).join(' ');
    return whole.length > SUMMARY_LENGTH ? `${whole.slice(0, SUMMARY_LENGTH - 1)}…` : whole;
}
