import { parseVisitorMessageRequest } from '../lib/rapidpro/requests';
import { postVisitorMessage } from '../lib/tickets/postVisitorMessage';
import { json, jsonBody, TicketerRoute } from './TicketerEndpoint';

/** `POST visitor-message`: the contact's message into the room, as the visitor. */
export const visitorMessageRoute: TicketerRoute = {
    path: 'visitor-message',
    handlers: {
        post: async ({ request, context }) => json(201, { id: await postVisitorMessage(context, parseVisitorMessageRequest(jsonBody(request))) }),
    },
};
