import { NoteLine } from '../notes/RoomNotes';
import { CallbackBody } from '../rapidpro/callbacks';

/** A RapidPro ticketer callback (agent-message or close-room) to POST to the registered callback URL. */
export interface RapidProCallbackDelivery {
    transport: 'rapidpro-callback';
    body: CallbackBody;
}

export type Delivery = RapidProCallbackDelivery;

/**
 * One outbound effect, persisted before it is attempted. `id` is derived from what caused it (the
 * Rocket.Chat message id, the closed room) so the same cause never queues it twice.
 */
export interface OutboxItem {
    id: string;
    roomId: string;
    /** Order within the room: items leave strictly in this order. */
    sequence: number;
    createdAt: string;
    attempts: number;
    /** Set while waiting for a scheduled retry. */
    nextAttemptAt?: string;
    lastError?: string;
    /** What the agents are told if the item fails for good; the reason is added to its values as `reason`. */
    failureNote: NoteLine;
    delivery: Delivery;
}

/** The result of one attempt: transports return it instead of throwing. */
export type DeliveryOutcome = { kind: 'delivered' } | { kind: 'retry'; reason: string } | { kind: 'failed'; reason: string };
