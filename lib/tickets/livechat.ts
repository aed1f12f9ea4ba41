import { IUser } from '@rocket.chat/apps-engine/definition/users';
import { IDepartment, ILivechatRoom, IVisitor } from '@rocket.chat/apps-engine/definition/livechat';

import { AppContext } from '../AppContext';
import { badRequest, describeError } from '../errors';
import { log } from '../log';
import { closeRoomAsApp } from './closeRoomAsApp';

/** Who the visitor is, as far as the caller knows. */
export interface VisitorDetails {
    token: string;
    username: string;
    name?: string;
    phone?: string;
    email?: string;
}

/** The Omnichannel department by id or name; undefined when none is wanted; a 400 naming the setting or field when it does not exist. */
export async function findDepartment(context: AppContext, wanted: string, whereNamed: string): Promise<IDepartment | undefined> {
    if (!wanted) {
        return undefined;
    }
    const department = await context.read.getLivechatReader().getLivechatDepartmentByIdOrName(wanted);
    if (!department) {
        throw badRequest(`${whereNamed} "${wanted}" does not exist in Rocket.Chat Omnichannel`);
    }
    return department;
}

/**
 * Creates the visitor, or updates it: Rocket.Chat's registerGuest is an upsert by token. But a token it does
 * not know is matched to an existing visitor by phone (who keeps their own token) or by email (who takes this
 * one), which would tie this contact to somebody else's visitor. So a new token is registered alone first,
 * and the phone and email are added once the visitor is found by its token.
 */
export async function saveVisitor(context: AppContext, wanted: VisitorDetails, department: IDepartment | undefined): Promise<IVisitor> {
    const livechat = context.read.getLivechatReader();
    const creator = context.modify.getCreator().getLivechatCreator();
    let existing = await livechat.getLivechatVisitorByToken(wanted.token);
    const username = (existing && existing.username) || wanted.username;
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

/** Opens the visitor's livechat room, served by the agent if one is named, else routed by Rocket.Chat. */
export async function createRoom(context: AppContext, visitor: IVisitor, source: string, agent?: IUser): Promise<ILivechatRoom> {
    try {
        return await context.modify
            .getCreator()
            .getLivechatCreator()
            .createRoom(visitor, agent as IUser, { source: { type: 'app', id: context.appId, alias: source, label: source } } as any);
    } catch (error) {
        if (/no-agent-online/.test(describeError(error))) {
            throw badRequest("There's no agents online");
        }
        throw error;
    }
}

/**
 * A room whose ticket could not be recorded would take replies that never reach RapidPro: it is closed
 * again, and the caller's retry (RapidPro's `room`, the gateway's webhook) opens a new one.
 */
export async function closeUnrecordedRoom(context: AppContext, room: ILivechatRoom): Promise<void> {
    try {
        await closeRoomAsApp(context, room, 'roomNotRecorded');
    } catch (error) {
        context.logger.error(log.unrecordedRoomNotClosed(room.id, describeError(error)));
    }
}
