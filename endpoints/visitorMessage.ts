import { parseVisitorMessageRequest } from '../lib/rapidpro/requests';
import { postVisitorMessage } from '../lib/tickets/postVisitorMessage';
import { AppRoute, byAppSecret, json, jsonBody } from './AppEndpoint';

/** `POST visitor-message`: the contact's message into the room, as the visitor. */
export const visitorMessageRoute: AppRoute = {
    path: 'visitor-message',
    authenticate: byAppSecret,
    handlers: {
        post: async ({ request, context }) => json(201, { id: await postVisitorMessage(context, parseVisitorMessageRequest(jsonBody(request))) }),
    },
};
