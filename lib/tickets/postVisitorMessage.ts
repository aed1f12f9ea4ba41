import { AppContext } from '../AppContext';
import { visitorAttachment } from '../attachments';
import { conflict, notFound } from '../errors';
import { VisitorMessageRequest } from '../rapidpro/requests';
import { ticketOfToken } from './ticketOfToken';
import { TicketStore } from './TicketStore';
import { withTokenLock } from './tokenLock';

/** RapidPro's `visitor-message`: the contact's text and attachments, posted as the visitor; returns the message id. */
export async function postVisitorMessage(context: AppContext, request: VisitorMessageRequest): Promise<string> {
    const { token } = request;
    // Validate every attachment before posting anything, so a refused request leaves no partial message.
    const attachments = request.attachments.map((attachment, index) => visitorAttachment(attachment, `attachments[${index}]`));
    const current = await withTokenLock(context, token, () => ticketOfToken(context, TicketStore.of(context), token));
    if (current.state === 'none') {
        throw notFound(`Could not find a room for visitor token: ${token}`);
    }
    if (current.state === 'closed') {
        throw conflict(`The room for visitor token: ${token} is closed; RapidPro must open a new ticket`);
    }
    // Rocket.Chat hands the app a livechat room with its visitor; asking for it again would be one more round trip.
    const visitor = current.room.visitor || (await context.read.getLivechatReader().getLivechatVisitorByToken(token));
    if (!visitor) {
        throw notFound(`Could not find a visitor for visitor token: ${token}`);
    }
    const message = context.modify.getCreator().startLivechatMessage().setRoom(current.room).setVisitor(visitor);
    if (request.text !== undefined) {
        message.setText(request.text);
    }
    attachments.forEach((attachment) => message.addAttachment(attachment));
    return context.modify.getCreator().finish(message);
}
