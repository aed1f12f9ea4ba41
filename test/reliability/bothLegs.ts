import { EngineRuntime } from '../harness/engines';
import { GatewayBuild } from '../harness/messagegate-emulator';
import { RapidProStandIn } from '../harness/rapidpro-standin';
import { SmsWorld, startSmsWorld, stopSmsWorld } from '../harness/sms';
import { APP_SECRET } from '../harness/ticketer';

/** The SMS world with RapidPro connected too (its secret and callback URL set): both legs, for checks that span them. */
export async function startBothLegs(engine: EngineRuntime, rapidpro: RapidProStandIn, build: GatewayBuild, settings: Record<string, unknown> = {}): Promise<SmsWorld> {
    await rapidpro.start();
    return startSmsWorld(engine, build, { app_secret: APP_SECRET, rapidpro_callback_url: rapidpro.callbackUrl, ...settings });
}

export async function stopBothLegs(world: SmsWorld | undefined, rapidpro: RapidProStandIn): Promise<void> {
    await stopSmsWorld(world);
    await rapidpro.stop();
}
