import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { describeError } from '../errors';
import { log } from '../log';
import { NoteKey, noteText } from './catalogue';

type NoteContext = Pick<AppContext, 'read' | 'modify' | 'logger'>;

export interface NoteLine {
    key: NoteKey;
    values: Record<string, string>;
}

/**
 * Tells the agents of a room something, in a note from the app's own user in the configured language. A
 * note that cannot be posted is logged, never thrown: it must not undo what it reports on.
 */
export async function tellAgents(context: NoteContext, roomId: string, lines: Array<NoteLine>): Promise<void> {
    const language = await new SettingsReader(context.read).notesLanguage();
    await postNotes(context, roomId, [lines.map(({ key, values }) => noteText(language, key, values)).join('\n')]);
}

/** Posts texts, already in the agents' language, as notes from the app's own user; logs instead of throwing. */
export async function postNotes(context: NoteContext, roomId: string, texts: Array<string>): Promise<void> {
    await posting(context, roomId, async (post) => {
        for (const text of texts) {
            await post(text);
        }
    });
}

/** Posts one note from the app's own user; its message id, or undefined (logged) when it could not be posted. */
export async function postNote(context: NoteContext, roomId: string, text: string): Promise<string | undefined> {
    return posting(context, roomId, (post) => post(text));
}

/** Finds the room and the app's user once, then lets `work` post as many notes as it needs; logs what fails. */
async function posting<T>(context: NoteContext, roomId: string, work: (post: (text: string) => Promise<string>) => Promise<T>): Promise<T | undefined> {
    try {
        const { read, modify } = context;
        const [room, appUser] = await Promise.all([read.getRoomReader().getById(roomId), read.getUserReader().getAppUser()]);
        if (!room || !appUser) {
            throw new Error(room ? 'the app user is missing' : 'no such room');
        }
        const creator = modify.getCreator();
        return await work((text) => creator.finish(creator.startMessage().setRoom(room).setSender(appUser).setText(text).setGroupable(false)));
    } catch (error) {
        context.logger.error(log.noteFailed(roomId, describeError(error)));
        return undefined;
    }
}

/** Rewrites a note the app posted (a status that moved on); false (logged) when it could not be changed. */
export async function updateNote(context: NoteContext, roomId: string, noteId: string, text: string): Promise<boolean> {
    try {
        const { read, modify } = context;
        const appUser = await read.getUserReader().getAppUser();
        if (!appUser) {
            throw new Error('the app user is missing');
        }
        const note = await modify.getUpdater().message(noteId, appUser);
        await modify.getUpdater().finish(note.setText(text));
        return true;
    } catch (error) {
        context.logger.error(log.noteFailed(roomId, describeError(error)));
        return false;
    }
}
