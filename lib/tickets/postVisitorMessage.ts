import { AppContext } from '../AppContext';
import { visitorAttachment } from '../attachments';
import { conflict, notFound } from '../errors';
import { VisitorMessageRequest } from '../rapidpro/requests';
import { openRoomOf } from './openRoomOf';
import { isOpen } from './Ticket';
import { TicketStore } from './TicketStore';

/** RapidPro's `visitor-message`: the contact's text and attachments, posted as the visitor; returns the message id. */
export async function postVisitorMessage(context: AppContext, request: VisitorMessageRequest): Promise<string> {
    const { token } = request;
    // Validate every attachment before posting anything, so a refused request leaves no partial message.
    const attachments = request.attachments.map((attachment, index) => visitorAttachment(attachment, `attachments[${index}]`));
    const ticket = await TicketStore.of(context).latestForToken(token);
    if (!ticket) {
        throw notFound(`Could not find a room for visitor token: ${token}`);
    }
    const room = isOpen(ticket) ? await openRoomOf(context.read, ticket.roomId) : undefined;
    if (!room) {
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
