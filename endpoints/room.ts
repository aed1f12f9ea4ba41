import { parseRoomRequest } from '../lib/rapidpro/requests';
import { openTicket } from '../lib/tickets/openTicket';
import { json, jsonBody, TicketerRequest, TicketerRoute } from './TicketerEndpoint';

async function openRoom({ request, context }: TicketerRequest) {
    return json(201, { id: await openTicket(context, parseRoomRequest(jsonBody(request))) });
}

/** `room` (GET with a JSON body, as RapidPro sends it; POST too): opens the ticket's livechat room. */
export const roomRoute: TicketerRoute = {
    path: 'room',
    handlers: { get: openRoom, post: openRoom },
};
