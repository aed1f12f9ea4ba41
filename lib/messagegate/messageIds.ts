import { sha256Hex } from '../crypto/sha256';

const PREFIX = 'tk-';
const MAX_ID_LENGTH = 36;

/**
 * The gateway message id of an agent's message: derived from the Rocket.Chat message id, so every retry of
 * the same reply carries the same id and the gateway's 409 stops a second send. At most 36 characters.
 */
export function gatewayMessageId(sourceMessageId: string): string {
    const id = `${PREFIX}${sourceMessageId}`;
    if (id.length <= MAX_ID_LENGTH && /^[\w-]+$/.test(sourceMessageId)) {
        return id;
    }
    return `${PREFIX}${sha256Hex(sourceMessageId).slice(0, MAX_ID_LENGTH - PREFIX.length)}`;
}

/** Whether a gateway message id is one this app gave (other senders may share the gateway). */
export const isOwnMessageId = (id: string): boolean => id.startsWith(PREFIX);
