/** Retry schedule of the outbox: 10 s, 20 s, 40 s … capped at 10 minutes, for up to 24 hours. */
export const FIRST_RETRY_SECONDS = 10;
export const MAX_RETRY_SECONDS = 600;
export const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;

/** Seconds to wait before attempt number `attempts + 1`, after `attempts` failed ones. */
export function retryDelaySeconds(attempts: number): number {
    const exponent = Math.min(Math.max(attempts - 1, 0), 16);
    return Math.min(FIRST_RETRY_SECONDS * 2 ** exponent, MAX_RETRY_SECONDS);
}

/** Whether retries should stop: 24 hours after the first failure (an item that never failed has time). */
export function isPastDeadline(firstFailedAt: string | undefined, now: number): boolean {
    return firstFailedAt !== undefined && now - Date.parse(firstFailedAt) >= GIVE_UP_AFTER_MS;
}
