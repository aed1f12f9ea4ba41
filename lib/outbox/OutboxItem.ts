import { NoteKey } from '../notes/catalogue';
import { NoteLine } from '../notes/RoomNotes';
import { ProviderDelivery } from '../providers/sendViaProvider';
import { CallbackBody } from '../rapidpro/callbacks';
import { SmsDelivery } from '../sms/sendSms';

/** A RapidPro ticketer callback (agent-message or close-room) to POST to the registered callback URL. */
export interface RapidProCallbackDelivery {
    transport: 'rapidpro-callback';
    body: CallbackBody;
}

export type Delivery = RapidProCallbackDelivery | SmsDelivery | ProviderDelivery;

/**
 * One outbound effect, persisted before it is attempted. `id` is derived from what caused it (the
 * Rocket.Chat message id, the closed room) so the same cause never queues it twice.
 */
export interface OutboxItem {
    id: string;
    roomId: string;
    /** When its cause happened in Rocket.Chat (ms): a room's items leave in this order, not in queueing order. */
    happenedAt: number;
    /** A close: it leaves after everything of the same moment, and is held back a few seconds. */
    closesRoom: boolean;
    /** The order Rocket.Chat fired the events in, for causes of the same millisecond (see HandlersInFlight). */
    arrival?: number;
    createdAt: string;
    attempts: number;
    /** Set while the item waits for its scheduled attempt. */
    nextAttemptAt?: string;
    lastError?: string;
    /** When its first attempt failed: retries stop 24 hours after it (not after queueing: it may wait behind others). */
    firstFailedAt?: string;
    /** What the agents are told if the item fails for good; the reason is added to its values as `reason`. */
    failureNote: NoteLine;
    /** What the agents are told once the item has failed a few times and waits (a reply); a close tells nothing. */
    heldNote?: NoteKey;
    delivery: Delivery;
}

/** The result of one attempt: transports return it instead of throwing. A delivery may come with something the agents should know. */
export type DeliveryOutcome = { kind: 'delivered'; notice?: NoteLine } | { kind: 'retry'; reason: string } | { kind: 'failed'; reason: string };
