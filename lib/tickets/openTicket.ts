import { IDepartment } from '@rocket.chat/apps-engine/definition/livechat';

import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { conflict } from '../errors';
import { log } from '../log';
import { NoteLine, tellAgents } from '../notes/RoomNotes';
import { RoomRequest } from '../rapidpro/requests';
import { scheduleContactHistory } from './contactHistory';
import { closeUnrecordedRoom, createRoom, findDepartment, saveVisitor } from './livechat';
import { RapidProTicket } from './Ticket';
import { ticketOfToken } from './ticketOfToken';
import { TicketStore } from './TicketStore';
import { withTokenLock } from './tokenLock';

/**
 * RapidPro's `room` call: one open livechat room per visitor token. A repeated call (RapidPro retries GETs)
 * answers the open room; otherwise the visitor is created or updated, the room opened in the department
 * asked for (or the default one), the custom fields saved, and the agents shown what RapidPro sent and,
 * shortly after, the conversation before the handover.
 */
export async function openTicket(context: AppContext, request: RoomRequest): Promise<string> {
    const { token } = request.visitor;
    return withTokenLock(context, token, async () => {
        const store = TicketStore.of(context);
        const current = await ticketOfToken(context, store, token);
        if (current.state === 'open') {
            const { ticket } = current;
            if (ticket.origin !== 'rapidpro') {
                throw conflict(`The visitor token ${token} belongs to an SMS conversation, not to RapidPro`);
            }
            if (ticket.ticketID !== request.ticketID) {
                await switchTicket(context, store, ticket, request.ticketID);
            } else {
                context.logger.info(log.ticketReused(request.ticketID, ticket.roomId));
            }
            return ticket.roomId;
        }
        const department = await resolveDepartment(context, request.visitor.department);
        const { name, phone, email } = request.visitor;
        const visitor = await saveVisitor(context, { token, username: `rapidpro-${token}`, name, phone, email }, department);
        const room = await createRoom(context, visitor, 'RapidPro');
        try {
            await store.add({ roomId: room.id, token, origin: 'rapidpro', ticketID: request.ticketID, phone, openedAt: new Date().toISOString() });
        } catch (error) {
            await closeUnrecordedRoom(context, room);
            throw error;
        }
        context.logger.info(log.ticketOpened(request.ticketID, room.id));
        const unsaved = await saveCustomFields(context, token, request.visitor.customFields);
        await tellAgents(context, room.id, ticketNote(request, unsaved));
        await scheduleContactHistory(context, room.id, request.visitor.contactUUID, request.sessionStart);
        return room.id;
    });
}

/**
 * RapidPro opened a newer ticket for a contact whose room is still open: the conversation goes on in the
 * room, callbacks name the new ticket from now on, and the agents see the change.
 */
async function switchTicket(context: AppContext, store: TicketStore, current: RapidProTicket, ticketID: string): Promise<void> {
    await store.save({ ...current, ticketID });
    const previous = current.ticketID;
    context.logger.info(log.ticketSwitched(previous, ticketID, current.roomId));
    await tellAgents(context, current.roomId, [{ key: 'ticketSwitched', values: { ticketID, previous } }]);
}

async function resolveDepartment(context: AppContext, requested: string | undefined): Promise<IDepartment | undefined> {
    if (requested) {
        return findDepartment(context, requested, 'Department');
    }
    return findDepartment(context, await new SettingsReader(context.read).defaultDepartment(), 'The default department');
}

/** Saves each custom field; returns the keys Rocket.Chat refused (not defined in Omnichannel > Custom Fields). */
async function saveCustomFields(context: AppContext, token: string, fields: Record<string, string>): Promise<Array<string>> {
    const updater = context.modify.getUpdater().getLivechatUpdater();
    const refused: Array<string> = [];
    for (const [key, value] of Object.entries(fields)) {
        let saved = false;
        try {
            saved = await updater.setCustomFields(token, key, value, true);
        } catch {
            saved = false;
        }
        if (!saved) {
            refused.push(key);
        }
    }
    if (refused.length) {
        context.logger.warn(log.customFieldsNotSaved(refused));
    }
    return refused;
}

function ticketNote(request: RoomRequest, unsavedFields: Array<string>): Array<NoteLine> {
    const { visitor } = request;
    const lines: Array<NoteLine> = [{ key: 'ticketOpened', values: { ticketID: request.ticketID, contact: visitor.contactUUID || visitor.token } }];
    if (request.priority) {
        lines.push({ key: 'priority', values: { priority: request.priority } });
    }
    if (request.sessionStart) {
        lines.push({ key: 'sessionStart', values: { sessionStart: request.sessionStart } });
    }
    if (unsavedFields.length) {
        const fields = unsavedFields.map((key) => `${key}: ${visitor.customFields[key]}`).join('; ');
        lines.push({ key: 'customFieldsNotSaved', values: { fields } });
    }
    for (const { field, value, reason } of request.unusable) {
        lines.push({ key: 'fieldNotSaved', values: { field, value, reason } });
    }
    return lines;
}
