import { IModify, IRead } from '@rocket.chat/apps-engine/definition/accessors';

import { SettingsReader } from '../../settings/SettingsReader';
import { NoteKey, noteText } from './catalogue';

export interface NoteLine {
    key: NoteKey;
    values: Record<string, string>;
}

/** Posts a note from the app's own user into a room, in the configured language: how agents learn what happened. */
export async function postRoomNote(read: IRead, modify: IModify, roomId: string, lines: Array<NoteLine>): Promise<void> {
    const [room, appUser, language] = await Promise.all([
        read.getRoomReader().getById(roomId),
        read.getUserReader().getAppUser(),
        new SettingsReader(read).notesLanguage(),
    ]);
    if (!room || !appUser) {
        throw new Error(`Cannot post a note in room ${roomId}: ${room ? 'the app user is missing' : 'no such room'}`);
    }
    const note = modify.getCreator().startMessage().setRoom(room).setSender(appUser).setText(lines.map(({ key, values }) => noteText(language, key, values)).join('\n')).setGroupable(false);
    await modify.getCreator().finish(note);
}
