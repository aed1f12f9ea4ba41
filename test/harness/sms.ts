import { EngineRuntime } from './engines';
import { GatewayBuild, MessageGateEmulator } from './messagegate-emulator';
import { roomOfPhone } from './provider';
import { TicketsHost } from './tickets-host';

export const GATEWAY_USERNAME = 'sms';
export const GATEWAY_PASSWORD = 'gate-pass-1';
export const SIGNING_KEY = 'sign-key-12345';

export interface SmsWorld {
    host: TicketsHost;
    gateway: MessageGateEmulator;
    agent: any;
    department: any;
}

/**
 * The packaged app with its SMS leg set up as an admin does it: the gateway's address, credentials and
 * signing key typed into the settings, an SMS department with an agent. The app's endpoints are served over
 * HTTP on 127.0.0.1 (the Site URL), and the setup job has registered the app's webhooks at the emulator.
 */
export async function startSmsWorld(engine: EngineRuntime, build: GatewayBuild = 'seed', settings: Record<string, unknown> = {}): Promise<SmsWorld> {
    const gateway = new MessageGateEmulator({ username: GATEWAY_USERNAME, password: GATEWAY_PASSWORD, signingKey: SIGNING_KEY, build });
    await gateway.start();
    const host = new TicketsHost(engine);
    const department = host.rc.addDepartment('SMS');
    const agent = host.rc.addAgent('sam.agent', [department.id]);
    const world = { host, gateway, agent, department };
    try {
        await host.listen();
        await host.start({
            messagegate_url: gateway.url,
            messagegate_username: GATEWAY_USERNAME,
            messagegate_password: GATEWAY_PASSWORD,
            messagegate_signing_key: SIGNING_KEY,
            sms_department: 'SMS',
            ...settings,
        });
        await host.rc.runJobsUntilIdle();
        if (gateway.webhooks().length === 0) {
            throw new Error(`The app registered no webhooks at the gateway:\n${host.logText()}`);
        }
    } catch (error) {
        await stopSmsWorld(world);
        throw error;
    }
    return world;
}

export async function stopSmsWorld(world: SmsWorld | undefined): Promise<void> {
    if (world) {
        await world.host.stop();
        await world.gateway.stop();
    }
}

/** The SMS room of a phone number, found the way an agent sees it: the open livechat room of its visitor. */
export const smsRoomOf = (world: SmsWorld, phone: string): any => roomOfPhone(world.host, phone);
