import { parseVisitorToken } from '../lib/rapidpro/requests';
import { closeTicketForRapidPro } from '../lib/tickets/closeTicket';
import { jsonBody, noContent, TicketerEndpoint, TicketerRequest } from './TicketerEndpoint';

/** `room.close` (GET with a JSON body, as RapidPro sends it; POST too): closes the visitor's room. */
export class RoomCloseEndpoint extends TicketerEndpoint {
    public path = 'room.close';

    protected readonly handlers = {
        get: (call: TicketerRequest) => this.close(call),
        post: (call: TicketerRequest) => this.close(call),
    };

    private async close({ request, context }: TicketerRequest) {
        await closeTicketForRapidPro(context, parseVisitorToken(jsonBody(request)));
        return noContent();
    }
}
