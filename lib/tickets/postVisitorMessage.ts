import { ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';

import { AppContext } from '../AppContext';
import { visitorAttachment } from '../attachments';
import { conflict, notFound } from '../errors';
import { VisitorMessageRequest } from '../rapidpro/requests';
import { isOpen } from './Ticket';
import { TicketStore } from './TicketStore';

/** RapidPro's `visitor-message`: the contact's text and attachments, posted as the visitor; returns the message id. */
export async function postVisitorMessage(context: AppContext, request: VisitorMessageRequest): Promise<string> {
    const { token } = request;
    // Validate every attachment before posting anything, so a refused request leaves no partial message.
    const attachments = request.attachments.map((attachment, index) => visitorAttachment(attachment, `attachments[${index}]`));
    const store = new TicketStore(context.read.getPersistenceReader(), context.persistence);
    const ticket = await store.latestForToken(token);
    if (!ticket) {
        throw notFound(`Could not find a room for visitor token: ${token}`);
    }
    const room = (await context.read.getRoomReader().getById(ticket.roomId)) as ILivechatRoom | undefined;
    if (!isOpen(ticket) || !room || !room.isOpen) {
        throw conflict(`The room for visitor token: ${token} is closed; RapidPro must open a new ticket`);
    }
    const visitor = await context.read.getLivechatReader().getLivechatVisitorByToken(token);
    if (!visitor) {
        throw notFound(`Could not find a visitor for visitor token: ${token}`);
    }
    const message = context.modify.getCreator().startLivechatMessage().setRoom(room).setVisitor(visitor);
    if (request.text !== undefined) {
        message.setText(request.text);
    }
    attachments.forEach((attachment) => message.addAttachment(attachment));
    return context.modify.getCreator().finish(message);
}
