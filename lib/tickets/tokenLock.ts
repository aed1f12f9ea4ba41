import { AppContext } from '../AppContext';

/**
 * Runs work on a visitor token's tickets one call at a time: `room`, `room.close`, `visitor-message` and the
 * room-closed handler all read and change the same ticket, and Rocket.Chat runs them concurrently.
 */
export function withTokenLock<T>(context: Pick<AppContext, 'locks'>, token: string, work: () => Promise<T>): Promise<T> {
    return context.locks.run(`token:${token}`, work);
}
