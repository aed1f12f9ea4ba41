import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { describeError } from '../errors';
import { log } from '../log';
import { NoteKey, noteText } from './catalogue';

export interface NoteLine {
    key: NoteKey;
    values: Record<string, string>;
}

/**
 * Tells the agents of a room something, in a note from the app's own user in the configured language. A
 * note that cannot be posted is logged, never thrown: it must not undo what it reports on.
 */
export async function tellAgents(context: Pick<AppContext, 'read' | 'modify' | 'logger'>, roomId: string, lines: Array<NoteLine>): Promise<void> {
    try {
        const { read, modify } = context;
        const [room, appUser, language] = await Promise.all([
            read.getRoomReader().getById(roomId),
            read.getUserReader().getAppUser(),
            new SettingsReader(read).notesLanguage(),
        ]);
        if (!room || !appUser) {
            throw new Error(room ? 'the app user is missing' : 'no such room');
        }
        const text = lines.map(({ key, values }) => noteText(language, key, values)).join('\n');
        await modify.getCreator().finish(modify.getCreator().startMessage().setRoom(room).setSender(appUser).setText(text).setGroupable(false));
    } catch (error) {
        context.logger.error(log.noteFailed(roomId, describeError(error)));
    }
}
