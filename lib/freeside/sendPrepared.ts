import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { HttpError } from '../errors';
import { log } from '../log';
import { smsToken } from '../messagegate/phone';
import { gatewayMessageId } from '../messagegate/messageIds';
import { noteText } from '../notes/catalogue';
import { postNote } from '../notes/RoomNotes';
import { Outbox } from '../outbox/Outbox';
import { RecordStore, tag } from '../persistence/RecordStore';
import { smsConversationOrRetryLater } from '../sms/smsConversation';
import { summarize } from '../sms/summary';
import { withTokenLock } from '../tickets/tokenLock';
import { PreparedMessage } from './preparedMessage';

/** What Send answers, the first time and on every retry of the same prepared message. */
export interface FreesideSent {
    status: 'accepted';
    id: string;
    roomId: string;
}

const sentRecord = (id: string) => [tag(`freeside-sent:${id}`)];

/**
 * Freeside's Send: the prepared SMS goes into the outbox under an id derived from the prepared message (so a
 * retried Send never sends twice), and into the customer's SMS room as a note, so agents see the notice in
 * the conversation; its delivery state then shows there as for an agent's reply. Accepted means queued:
 * the outbox keeps trying while the gateway is away, and tells the agents if it fails for good.
 */
export async function sendPrepared(context: AppContext, message: PreparedMessage): Promise<FreesideSent> {
    if (!(await new SettingsReader(context.read).gateway())) {
        throw new HttpError(503, 'SMS is not set up in Tickets: fill in the MessageGate URL, username and password in the app settings');
    }
    const records = new RecordStore(context.read.getPersistenceReader(), context.persistence);
    const sent = await withTokenLock(context, smsToken(message.to), async () => {
        const known = await records.findOne<FreesideSent>(sentRecord(message.id));
        if (known) {
            return known;
        }
        const { room } = await smsConversationOrRetryLater(context, message.to, 'The SMS (not sent)');
        const summary = summarize(message.text);
        await new Outbox(context).enqueue({
            id: `freeside:${message.id}`,
            roomId: room.id,
            happenedAt: Date.now(),
            failureNote: { key: 'smsNotDelivered', values: { summary } },
            heldNote: 'smsRepliesHeld',
            delivery: { transport: 'messagegate', messageId: gatewayMessageId(`freeside-${message.id}`), roomId: room.id, phone: message.to, text: message.text, files: [], summary },
        });
        const language = await new SettingsReader(context.read).notesLanguage();
        const customer = [message.customer, message.custnum && `#${message.custnum}`].filter(Boolean).join(' ') || message.to;
        await postNote(context, room.id, noteText(language, 'freesideMessage', { customer, template: message.template, text: message.text }));
        const record: FreesideSent = { status: 'accepted', id: message.id, roomId: room.id };
        await records.write(sentRecord(message.id), record);
        context.logger.info(log.freesideQueued(message.id, room.id));
        return record;
    });
    await new Outbox(context).drain(sent.roomId, { kind: 'event' });
    return sent;
}
