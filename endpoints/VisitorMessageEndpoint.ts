import { parseVisitorMessageRequest } from '../lib/rapidpro/requests';
import { postVisitorMessage } from '../lib/tickets/postVisitorMessage';
import { json, jsonBody, TicketerEndpoint, TicketerRequest } from './TicketerEndpoint';

/** `POST visitor-message`: the contact's message into the room, as the visitor. */
export class VisitorMessageEndpoint extends TicketerEndpoint {
    public path = 'visitor-message';

    protected readonly handlers = {
        post: async ({ request, context }: TicketerRequest) => {
            const id = await postVisitorMessage(context, parseVisitorMessageRequest(jsonBody(request)));
            return json(201, { id });
        },
    };
}
