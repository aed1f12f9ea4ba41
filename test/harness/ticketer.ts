import { EngineRuntime } from './engines';
import { RapidProStandIn } from './rapidpro-standin';
import { TicketsHost } from './tickets-host';

/** A secret as RapidPro generates it: 32 characters of 23456789ABCDEFGHJKLMNPQRSTUVWXYZ. */
export const APP_SECRET = 'K7WQ2ZP9M4XRT6HCJ8NDV3BFLG5SYUEA';

export const authorized = (secret = APP_SECRET): Record<string, string> => ({
    'Authorization': `Token ${secret}`,
    'Content-Type': 'application/json',
});

export interface TicketerWorld {
    host: TicketsHost;
    rapidpro: RapidProStandIn;
    agent: any;
    department: any;
}

/**
 * The packaged app in the given engine, connected to a RapidPro stand-in the way an admin connects them:
 * App Secret pasted into the settings, then RapidPro's `PUT settings` with its callback URL.
 */
export async function startTicketer(engine: EngineRuntime): Promise<TicketerWorld> {
    const rapidpro = new RapidProStandIn();
    await rapidpro.start();
    const host = new TicketsHost(engine);
    const department = host.rc.addDepartment('Support');
    const agent = host.rc.addAgent('maria.agent', [department.id]);
    const world = { host, rapidpro, agent, department };
    try {
        await host.start({ app_secret: APP_SECRET });
        const connected = await host.call('settings', { method: 'put', headers: authorized(), content: { webhook: { url: rapidpro.callbackUrl } } });
        if (connected.status !== 204) {
            throw new Error(`Could not connect the RapidPro stand-in: ${JSON.stringify(connected)}\n${host.logText()}`);
        }
    } catch (error) {
        await stopTicketer(world);
        throw error;
    }
    return world;
}

export async function stopTicketer(world: TicketerWorld | undefined): Promise<void> {
    if (world) {
        await world.host.stop();
        await world.rapidpro.stop();
    }
}
