import { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import { ISlashCommand, SlashCommandContext } from '@rocket.chat/apps-engine/definition/slashcommands';

import { appContext, AppServices } from '../lib/AppContext';
import { describeError } from '../lib/errors';
import { log } from '../lib/log';
import { normalizePhone, smsToken } from '../lib/messagegate/phone';
import { NoteKey, noteText } from '../lib/notes/catalogue';
import { defaultRoute } from '../lib/sms/defaultRoute';
import { smsConversation } from '../lib/sms/smsConversation';
import { withTokenLock } from '../lib/tickets/tokenLock';
import { SettingsReader } from '../settings/SettingsReader';

/**
 * `/sms +4790214465 Hello`: an agent starts (or continues) the SMS conversation with a number. The room is
 * opened for the agent, and the first message is posted as the agent, so it leaves like any reply.
 */
export class SmsCommand implements ISlashCommand {
    public readonly command = 'sms';
    public readonly i18nParamsExample = 'sms_command_params';
    public readonly i18nDescription = 'sms_command_description';
    public readonly providesPreview = false;
    /** Omnichannel agents and managers only: what is typed here goes out as an SMS. */
    public readonly permission = 'view-l-room';

    constructor(private readonly services: (logger?: ILogger) => AppServices) {}

    public async executor(command: SlashCommandContext, read: IRead, modify: IModify, http: IHttp, persistence: IPersistence): Promise<void> {
        const context = appContext(read, modify, http, persistence, this.services());
        const sender = command.getSender();
        const [number = '', ...words] = command.getArguments();
        const phone = normalizePhone(number);
        const tell = async (key: NoteKey, values: Record<string, string> = {}) => {
            const [appUser, language] = await Promise.all([read.getUserReader().getAppUser(), new SettingsReader(read).notesLanguage()]);
            const text = noteText(language, key, values);
            const message = modify.getCreator().startMessage().setRoom(command.getRoom()).setText(text);
            await modify.getNotifier().notifyUser(sender, (appUser ? message.setSender(appUser) : message).getMessage());
        };
        if (!phone) {
            return tell('smsCommandUsage');
        }
        const route = await defaultRoute(read);
        if (!route) {
            return tell('smsCommandNoGateway');
        }
        try {
            const { room } = await withTokenLock(context, smsToken(phone), () => smsConversation(context, phone, { agent: sender, route }));
            const text = words.join(' ').trim();
            if (text) {
                await modify.getCreator().finish(modify.getCreator().startMessage().setRoom(room).setSender(sender).setText(text));
            }
            await tell('smsCommandOpened', { phone, room: room.displayName || room.id });
        } catch (error) {
            context.logger.error(log.smsCommandFailed(phone, describeError(error)));
            await tell('smsNotDelivered', { reason: describeError(error), summary: words.join(' ') });
        }
    }
}
