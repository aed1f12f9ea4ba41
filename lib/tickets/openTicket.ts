import { IDepartment, ILivechatRoom, IVisitor } from '@rocket.chat/apps-engine/definition/livechat';

import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { badRequest, describeError } from '../errors';
import { log } from '../log';
import { NoteLine, tellAgents } from '../notes/RoomNotes';
import { RoomRequest, TicketVisitor } from '../rapidpro/requests';
import { closeRoomAsApp } from './closeRoomAsApp';
import { scheduleContactHistory } from './contactHistory';
import { Ticket } from './Ticket';
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
            if (current.ticket.ticketID !== request.ticketID) {
                await switchTicket(context, store, current.ticket, request.ticketID);
            } else {
                context.logger.info(log.ticketReused(request.ticketID, current.ticket.roomId));
            }
            return current.ticket.roomId;
        }
        const department = await resolveDepartment(context, request.visitor.department);
        const visitor = await saveVisitor(context, request.visitor, department);
        const room = await createRoom(context, visitor);
        try {
            await store.add({ roomId: room.id, token, origin: 'rapidpro', ticketID: request.ticketID, openedAt: new Date().toISOString() });
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
async function switchTicket(context: AppContext, store: TicketStore, current: Ticket, ticketID: string): Promise<void> {
    await store.save({ ...current, ticketID });
    const previous = current.ticketID;
    context.logger.info(log.ticketSwitched(previous, ticketID, current.roomId));
    await tellAgents(context, current.roomId, [{ key: 'ticketSwitched', values: { ticketID, previous } }]);
}

/**
 * A room whose ticket could not be recorded would take replies that never reach RapidPro: it is closed
 * again, and RapidPro's retry of `room` opens a new one.
 */
async function closeUnrecordedRoom(context: AppContext, room: ILivechatRoom): Promise<void> {
    try {
        await closeRoomAsApp(context, room, 'roomNotRecorded');
    } catch (error) {
        context.logger.error(log.unrecordedRoomNotClosed(room.id, describeError(error)));
    }
}

async function resolveDepartment(context: AppContext, requested: string | undefined): Promise<IDepartment | undefined> {
    const wanted = requested || (await new SettingsReader(context.read).defaultDepartment());
    if (!wanted) {
        return undefined;
    }
    const department = await context.read.getLivechatReader().getLivechatDepartmentByIdOrName(wanted);
    if (!department) {
        throw badRequest(
            requested
                ? `Department "${requested}" does not exist in Rocket.Chat Omnichannel`
                : `The default department "${wanted}" set in the Tickets app does not exist in Rocket.Chat Omnichannel`,
        );
    }
    return department;
}

/**
 * Creates the visitor, or updates it: Rocket.Chat's registerGuest is an upsert by token. But a token it does
 * not know is matched to an existing visitor by phone (who keeps their own token) or by email (who takes this
 * one), which would tie this contact to somebody else's visitor. So a new token is registered alone first,
 * and the phone and email are added once the visitor is found by its token.
 */
async function saveVisitor(context: AppContext, wanted: TicketVisitor, department: IDepartment | undefined): Promise<IVisitor> {
    const livechat = context.read.getLivechatReader();
    const creator = context.modify.getCreator().getLivechatCreator();
    let existing = await livechat.getLivechatVisitorByToken(wanted.token);
    const username = (existing && existing.username) || `rapidpro-${wanted.token}`;
    const name = wanted.name || (existing && existing.name) || wanted.phone || username;
    const departmentId = department ? department.id : existing && existing.department;
    if (!existing) {
        await creator.createVisitor({ token: wanted.token, username, name, department: departmentId });
        existing = await livechat.getLivechatVisitorByToken(wanted.token);
        if (!existing) {
            throw new Error(`Rocket.Chat did not register a visitor with token ${wanted.token}`);
        }
    }
    await creator.createVisitor({
        id: existing.id,
        token: wanted.token,
        username,
        name,
        department: departmentId,
        phone: wanted.phone ? [{ phoneNumber: wanted.phone }] : existing.phone,
        visitorEmails: wanted.email ? [{ address: wanted.email }] : existing.visitorEmails,
    });
    return (await livechat.getLivechatVisitorByToken(wanted.token)) || existing;
}

async function createRoom(context: AppContext, visitor: IVisitor): Promise<ILivechatRoom> {
    try {
        // No agent named: Rocket.Chat's routing picks one (or queues the room).
        return await context.modify
            .getCreator()
            .getLivechatCreator()
            .createRoom(visitor, undefined as any, { source: { type: 'app', id: context.appId, alias: 'RapidPro', label: 'RapidPro' } } as any);
    } catch (error) {
        if (/no-agent-online/.test(describeError(error))) {
            throw badRequest("There's no agents online");
        }
        throw error;
    }
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
