import { parseRoomRequest } from '../lib/rapidpro/requests';
import { openTicket } from '../lib/tickets/openTicket';
import { json, jsonBody, TicketerEndpoint, TicketerRequest } from './TicketerEndpoint';

/** `room` (GET with a JSON body, as RapidPro sends it; POST too): opens the ticket's livechat room. */
export class RoomEndpoint extends TicketerEndpoint {
    public path = 'room';

    protected readonly handlers = {
        get: (call: TicketerRequest) => this.open(call),
        post: (call: TicketerRequest) => this.open(call),
    };

    private async open({ request, context }: TicketerRequest) {
        const { roomId } = await openTicket(context, parseRoomRequest(jsonBody(request)));
        return json(201, { id: roomId });
    }
}
