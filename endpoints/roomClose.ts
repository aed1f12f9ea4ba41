import { parseVisitorToken } from '../lib/rapidpro/requests';
import { closeTicketForRapidPro } from '../lib/tickets/closeTicket';
import { AppRoute, byAppSecret, jsonBody, noContent, RouteRequest } from './AppEndpoint';

async function closeRoom({ request, context }: RouteRequest) {
    await closeTicketForRapidPro(context, parseVisitorToken(jsonBody(request)));
    return noContent();
}

/** `room.close` (GET with a JSON body, as RapidPro sends it; POST too): closes the visitor's room. */
export const roomCloseRoute: AppRoute = {
    path: 'room.close',
    authenticate: byAppSecret,
    handlers: { get: closeRoom, post: closeRoom },
};
