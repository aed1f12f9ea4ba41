/**
 * The message handlers still running, per room. Rocket.Chat runs event handlers concurrently, so a handler
 * that finishes early must not send its reply ahead of an earlier one still being prepared: the last
 * handler of a burst sends what all of them queued.
 */
export class HandlersInFlight {
    private readonly rooms = new Map<string, { running: number; queued: boolean }>();
    private arrivals = 0;

    /**
     * Called before the handler's first await, so handlers are counted in the order Rocket.Chat fired them;
     * returns that order, which settles ties between messages of the same millisecond.
     */
    public begin(roomId: string): number {
        const room = this.rooms.get(roomId) || { running: 0, queued: false };
        room.running += 1;
        this.rooms.set(roomId, room);
        return ++this.arrivals;
    }

    public markQueued(roomId: string): void {
        const room = this.rooms.get(roomId);
        if (room) {
            room.queued = true;
        }
    }

    /** Whether this was the room's last running handler and something was queued meanwhile: then it drains. */
    public end(roomId: string): boolean {
        const room = this.rooms.get(roomId);
        if (!room) {
            return false;
        }
        room.running -= 1;
        if (room.running > 0) {
            return false;
        }
        this.rooms.delete(roomId);
        return room.queued;
    }
}
