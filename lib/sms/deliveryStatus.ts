import { SettingsReader } from '../../settings/SettingsReader';
import { AppContext } from '../AppContext';
import { isOwnMessageId } from '../messagegate/messageIds';
import { GatewayState } from '../messagegate/webhookEvents';
import { NoteKey, noteText } from '../notes/catalogue';
import { postNote, updateNote } from '../notes/RoomNotes';
import { RecordStore, tag } from '../persistence/RecordStore';

/** Where an SMS the app sent stands, and the note in its room that shows it to the agents. */
export interface SmsDeliveryStatus {
    messageId: string;
    state: GatewayState;
    reason?: string;
    /** Unset while only an early status is known (the gateway's webhook overtook the send's own bookkeeping). */
    sent?: { roomId: string; phone: string; summary: string; expectsDeliveryReport: boolean; at: string };
    noteId?: string;
}

const statusOf = (messageId: string) => [tag(`sms-status:${messageId}`)];

// Later states outrank earlier ones; a delivery report repeated per part, or one that arrives late, changes nothing.
const rank: Record<GatewayState, number> = { Pending: 0, Processed: 1, Cancelling: 1, Sent: 2, Delivered: 3, Failed: 3, Cancelled: 3 };

const noteOfState: Partial<Record<GatewayState, NoteKey>> = {
    Sent: 'smsStatusSent',
    Delivered: 'smsStatusDelivered',
    Failed: 'smsStatusFailed',
    Cancelled: 'smsStatusCancelled',
};

/** No later state will come: delivered, failed, cancelled, or sent when no delivery report was asked for. */
export function isFinal(status: SmsDeliveryStatus): boolean {
    return rank[status.state] >= 3 || (status.state === 'Sent' && Boolean(status.sent) && !status.sent!.expectsDeliveryReport);
}

/** Delivery states of the SMS the app sent, one record per gateway message id, changed one at a time. */
export class DeliveryStatuses {
    private readonly records: RecordStore;

    constructor(private readonly context: AppContext) {
        this.records = new RecordStore(context.read.getPersistenceReader(), context.persistence);
    }

    public async get(messageId: string): Promise<SmsDeliveryStatus | undefined> {
        return this.records.findOne<SmsDeliveryStatus>(statusOf(messageId));
    }

    /** The gateway accepted the SMS: from now on its states are shown in the room (with any that came early). */
    public async sent(messageId: string, sent: NonNullable<SmsDeliveryStatus['sent']>): Promise<void> {
        await this.change(messageId, async (known) => this.show({ messageId, state: 'Pending', ...known, sent }));
    }

    /** A state reported by a webhook or a poll; ignored when it is not newer than the one known. */
    public async report(messageId: string, state: GatewayState, reason?: string): Promise<void> {
        if (!isOwnMessageId(messageId)) {
            return;
        }
        await this.change(messageId, async (known) => {
            if (known && rank[state] <= rank[known.state]) {
                return undefined;
            }
            // Only fields that are set: the Deno runtime stores undefined as null.
            const next: SmsDeliveryStatus = { messageId, ...known, state };
            if (reason) {
                next.reason = reason;
            } else {
                delete next.reason;
            }
            return next.sent ? this.show(next) : next;
        });
    }

    private async change(messageId: string, update: (known: SmsDeliveryStatus | undefined) => Promise<SmsDeliveryStatus | undefined>): Promise<void> {
        await this.context.locks.run(`sms-status:${messageId}`, async () => {
            const next = await update(await this.get(messageId));
            if (next) {
                await this.records.write(statusOf(messageId), next);
            }
        });
    }

    /** Posts the status note, or rewrites it, so each SMS has one line that moves Sent → Delivered (or Failed). */
    private async show(status: SmsDeliveryStatus): Promise<SmsDeliveryStatus> {
        const key = noteOfState[status.state];
        if (!key || !status.sent) {
            return status;
        }
        const { roomId, phone, summary } = status.sent;
        const language = await new SettingsReader(this.context.read).notesLanguage();
        const text = noteText(language, key, { phone, summary, reason: status.reason || '?' });
        if (status.noteId && (await updateNote(this.context, roomId, status.noteId, text))) {
            return status;
        }
        const noteId = await postNote(this.context, roomId, text);
        return noteId ? { ...status, noteId } : status;
    }
}
