import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { sha256Hex } from '../crypto/sha256';
import { entriesOrNone } from '../jsonSetting';
import { log } from '../log';
import { tellAgents } from '../notes/RoomNotes';
import { RecordStore, tag } from '../persistence/RecordStore';
import { ConversationSource, smsConversationOrRetryLater, sourceToken } from '../sms/smsConversation';
import { withTokenLock } from '../tickets/tokenLock';
import { IncomingMessage } from './incomingMessage';
import { MessageSource } from './MessageSource';
import { matchTag, parseMessageTags } from './tags';

export type IncomingOutcome = { kind: 'saved'; messageId: string } | { kind: 'duplicate' };

/** A source's message by its external id, kept for good: Message Manager refuses a repeated external id forever. */
const externalIdOf = (sourceId: string, externalId: string) => [tag(`source-message:${sourceId}:${sha256Hex(externalId)}`)];

interface SavedExternalId {
    messageId: string;
    roomId: string;
}

/**
 * A message a source posted: into the sender's open room of that source (a new one if none, in the tag's
 * department when it starts with a tag), as the visitor's message. A repeated external id of the source is
 * refused. Under the external id's lock and then the sender's, so a burst opens one room and saves once.
 */
export async function receiveIncoming(context: AppContext, source: MessageSource, message: IncomingMessage): Promise<IncomingOutcome> {
    const token = sourceToken(source.id, message.from);
    const { externalId } = message;
    const work = () => withTokenLock(context, token, () => saveIncoming(context, source, message));
    return externalId ? context.locks.run(`source-message:${source.id}:${externalId}`, work) : work();
}

async function saveIncoming(context: AppContext, source: MessageSource, message: IncomingMessage): Promise<IncomingOutcome> {
    const records = new RecordStore(context.read.getPersistenceReader(), context.persistence);
    if (message.externalId && (await records.findOne<SavedExternalId>(externalIdOf(source.id, message.externalId)))) {
        return { kind: 'duplicate' };
    }
    const settings = new SettingsReader(context.read);
    const [tagsJson, removeTags] = await Promise.all([settings.messageTagsJson(), settings.removeTagsWhenMatched()]);
    const tagged = matchTag(message.text, entriesOrNone(tagsJson, parseMessageTags), removeTags);
    const conversationSource: ConversationSource = { id: source.id, name: source.name, department: tagged ? tagged.tag.department : source.department };
    // Nothing was saved yet: a 503, not "Failed", so the source may deliver the message again later.
    const { room, visitor } = await smsConversationOrRetryLater(context, message.from, 'The message', { route: source.route, source: conversationSource });
    const creator = context.modify.getCreator();
    const messageId = await creator.finish(creator.startLivechatMessage().setRoom(room).setVisitor(visitor).setText(tagged ? tagged.text : message.text));
    if (message.externalId) {
        const saved: SavedExternalId = { messageId, roomId: room.id };
        await records.write(externalIdOf(source.id, message.externalId), saved);
    }
    context.logger.info(log.sourceMessageSaved(source.id, messageId, room.id));
    if (tagged) {
        await tellAgents(context, room.id, [{ key: 'messageTagged', values: { tag: tagged.tag.tag, department: tagged.tag.department } }]);
    }
    return { kind: 'saved', messageId };
}
