import { parseVisitorToken } from '../lib/rapidpro/requests';
import { closeTicketForRapidPro } from '../lib/tickets/closeTicket';
import { jsonBody, noContent, TicketerRequest, TicketerRoute } from './TicketerEndpoint';

async function closeRoom({ request, context }: TicketerRequest) {
    await closeTicketForRapidPro(context, parseVisitorToken(jsonBody(request)));
    return noContent();
}

/** `room.close` (GET with a JSON body, as RapidPro sends it; POST too): closes the visitor's room. */
export const roomCloseRoute: TicketerRoute = {
    path: 'room.close',
    handlers: { get: closeRoom, post: closeRoom },
};
