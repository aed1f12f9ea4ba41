/**
 * Milliseconds since the epoch of a timestamp the engine hands over: a Date (from another realm under vm2,
 * where `new Date(date)` would go through its text and lose the milliseconds) or its ISO text after the
 * Deno bridge. Now, if absent or unreadable.
 */
export function timeOf(value: Date | string | undefined): number {
    const time = value && typeof (value as Date).getTime === 'function' ? (value as Date).getTime() : Date.parse(String(value));
    return Number.isFinite(time) ? time : Date.now();
}
