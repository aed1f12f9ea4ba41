import { ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';

import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { NoteKey, noteText } from '../notes/catalogue';

/** Closes a livechat room as the app's own user, with a closing comment in the agents' language. */
export async function closeRoomAsApp(context: Pick<AppContext, 'read' | 'modify'>, room: ILivechatRoom, comment: NoteKey): Promise<void> {
    const [appUser, language] = await Promise.all([context.read.getUserReader().getAppUser(), new SettingsReader(context.read).notesLanguage()]);
    await context.modify.getUpdater().getLivechatUpdater().closeRoom(room, noteText(language, comment, {}), appUser);
}
