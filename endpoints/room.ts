import { parseRoomRequest } from '../lib/rapidpro/requests';
import { openTicket } from '../lib/tickets/openTicket';
import { AppRoute, byAppSecret, json, jsonBody, RouteRequest } from './AppEndpoint';

async function openRoom({ request, context }: RouteRequest) {
    return json(201, { id: await openTicket(context, parseRoomRequest(jsonBody(request))) });
}

/** `room` (GET with a JSON body, as RapidPro sends it; POST too): opens the ticket's livechat room. */
export const roomRoute: AppRoute = {
    path: 'room',
    authenticate: byAppSecret,
    handlers: { get: openRoom, post: openRoom },
};
