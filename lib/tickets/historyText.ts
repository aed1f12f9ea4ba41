import { noteText } from '../notes/catalogue';
import { ContactMessage } from '../rapidpro/ContactMessagesClient';

// Under Rocket.Chat's default message size limit (5 000 characters), with room for the title.
const MAX_NOTE_LENGTH = 4000;
// Messages that never reached the contact are not part of the conversation.
const UNDELIVERED = ['failed', 'errored'];

/**
 * The notes that show agents a contact's conversation with RapidPro before the handover: oldest first, one
 * line per message (time in UTC, who, text, file links), split to fit Rocket.Chat's message size.
 */
export function historyNotes(messages: Array<ContactMessage>, since: string, language: string): Array<string> {
    const lines = messages
        .filter((message) => !UNDELIVERED.includes(message.status))
        .sort((a, b) => a.createdOn.localeCompare(b.createdOn))
        .map((message) => {
            const who = noteText(language, message.direction === 'in' ? 'historyContact' : 'historyRapidPro', {});
            const parts = [message.text, ...message.attachments.map((attachment) => attachment.url)].filter(Boolean);
            return `${utcMinute(message.createdOn)} ${who}: ${parts.join(' ')}`.slice(0, MAX_NOTE_LENGTH);
        });
    if (!lines.length) {
        return [];
    }
    const notes = [noteText(language, 'historyTitle', { since: utcMinute(since) })];
    for (const line of lines) {
        const last = notes[notes.length - 1];
        if (last.length + 1 + line.length <= MAX_NOTE_LENGTH) {
            notes[notes.length - 1] = `${last}\n${line}`;
        } else {
            notes.push(line);
        }
    }
    return notes;
}

/** "2020-07-17 10:28 UTC" from an ISO 8601 time. */
function utcMinute(iso: string): string {
    const time = new Date(iso);
    return Number.isNaN(time.getTime()) ? iso : `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
