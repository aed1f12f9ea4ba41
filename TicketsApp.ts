import {
    IConfigurationExtend,
    IConfigurationModify,
    IEnvironmentRead,
    IHttp,
    ILogger,
    IModify,
    IPersistence,
    IRead,
} from '@rocket.chat/apps-engine/definition/accessors';
import { ApiSecurity, ApiVisibility } from '@rocket.chat/apps-engine/definition/api';
import { App } from '@rocket.chat/apps-engine/definition/App';
import { ILivechatRoom, IPostLivechatRoomClosed } from '@rocket.chat/apps-engine/definition/livechat';
import { IMessage, IPostMessageSent } from '@rocket.chat/apps-engine/definition/messages';
import { ISetting } from '@rocket.chat/apps-engine/definition/settings';
import { ISettingUpdateContext } from '@rocket.chat/apps-engine/definition/settings/ISettingUpdateContext';

import { SmsCommand } from './commands/SmsCommand';
import { messageGateWebhookRoute } from './endpoints/messageGateWebhook';
import { providerWebhookRoute } from './endpoints/providerWebhook';
import { freesidePrepareRoute, freesideSendRoute } from './endpoints/freeside';
import { messagesIncomingRoute } from './endpoints/messagesIncoming';
import { roomRoute } from './endpoints/room';
import { roomCloseRoute } from './endpoints/roomClose';
import { secretCheckRoute } from './endpoints/secretCheck';
import { settingsRoute } from './endpoints/settings';
import { AppEndpoint } from './endpoints/AppEndpoint';
import { visitorMessageRoute } from './endpoints/visitorMessage';
import { AgentMessageHandler } from './handlers/AgentMessageHandler';
import { ContactHistoryProcessor } from './handlers/ContactHistoryProcessor';
import { DeliveryPollProcessor } from './handlers/DeliveryPollProcessor';
import { GATEWAY_SETUP_PROCESSOR, GatewayRefreshProcessor, GatewaySetupProcessor } from './handlers/GatewaySetupProcessor';
import { OutboxAttemptProcessor, OutboxSweepProcessor } from './handlers/OutboxProcessors';
import { RoomClosedHandler } from './handlers/RoomClosedHandler';
import { SeenEventsCleanupProcessor } from './handlers/SeenEventsCleanupProcessor';
import { keepValidSettings } from './handlers/settingGuards';
import { AppContext, appContext, AppServices } from './lib/AppContext';
import { describeError } from './lib/errors';
import { HandlersInFlight } from './lib/HandlersInFlight';
import { KeyedLock } from './lib/KeyedLock';
import { log } from './lib/log';
import { GATEWAY_SETTINGS, removeGatewayWebhooks } from './lib/messagegate/webhookRegistration';
import { settingDefinitions } from './settings/definitions';
import { SettingsReader } from './settings/SettingsReader';
import { SettingValues } from './settings/SettingValues';

/** Tickets: RapidPro tickets and SMS conversations (MessageGate) as Rocket.Chat Omnichannel rooms. This class only wires; the work is in endpoints/, handlers/ and lib/. */
export class TicketsApp extends App implements IPostMessageSent, IPostLivechatRoomClosed {
    private readonly locks = new KeyedLock();
    private readonly handlersInFlight = new HandlersInFlight();
    private readonly settingValues = new SettingValues();

    public async executePostMessageSent(message: IMessage, read: IRead, http: IHttp, persistence: IPersistence, modify: IModify): Promise<void> {
        await this.guard('AgentMessageHandler', () => new AgentMessageHandler(this.context(read, modify, http, persistence)).run(message));
    }

    public async executePostLivechatRoomClosed(room: ILivechatRoom, read: IRead, http: IHttp, persistence: IPersistence, modify?: IModify): Promise<void> {
        await this.guard('RoomClosedHandler', async () => {
            if (!modify) {
                throw new Error('the engine passed no IModify to IPostLivechatRoomClosed');
            }
            await new RoomClosedHandler(this.context(read, modify, http, persistence)).run(room);
        });
    }

    public async onPreSettingUpdate(context: ISettingUpdateContext): Promise<ISetting> {
        return keepValidSettings(context, this.getLogger());
    }

    /** The gateway's webhooks are (re)registered by a job, so a phone that is off does not stop the app from enabling. */
    public async onEnable(_environment: IEnvironmentRead, configurationModify: IConfigurationModify): Promise<boolean> {
        this.settingValues.forget();
        await this.guard('onEnable', () => this.scheduleGatewaySetup(configurationModify));
        return true;
    }

    public async onSettingUpdated(setting: ISetting, configurationModify: IConfigurationModify): Promise<void> {
        this.settingValues.forget();
        if (GATEWAY_SETTINGS.includes(setting.id)) {
            await this.guard('onSettingUpdated', () => this.scheduleGatewaySetup(configurationModify));
        }
    }

    public async onDisable(): Promise<void> {
        const { reader: read, http } = this.getAccessors();
        await this.guard('onDisable', () => removeGatewayWebhooks({ read, http, logger: this.getLogger(), appId: this.getID() }));
    }

    protected async extendConfiguration(configuration: IConfigurationExtend): Promise<void> {
        await Promise.all(settingDefinitions.map((setting) => configuration.settings.provideSetting(setting)));
        const services = (logger?: ILogger) => this.services(logger);
        await configuration.api.provideApi({
            visibility: ApiVisibility.PUBLIC,
            security: ApiSecurity.UNSECURE,
            endpoints: [secretCheckRoute, settingsRoute, roomRoute, roomCloseRoute, visitorMessageRoute, messageGateWebhookRoute, providerWebhookRoute, messagesIncomingRoute, freesidePrepareRoute, freesideSendRoute].map(
                (route) => new AppEndpoint(this, services, route),
            ),
        });
        await configuration.slashCommands.provideSlashCommand(new SmsCommand(services));
        await configuration.scheduler.registerProcessors([
            new OutboxAttemptProcessor(services),
            new OutboxSweepProcessor(services),
            new ContactHistoryProcessor(services),
            new DeliveryPollProcessor(services),
            new GatewaySetupProcessor(services),
            new GatewayRefreshProcessor(services),
            new SeenEventsCleanupProcessor(services),
        ]);
    }

    /**
     * Only once the gateway is set up at all: without it the SMS leg is off and there is nothing to register.
     * A pending setup (and its retries) is replaced, so saving several settings runs one setup with the latest.
     */
    private async scheduleGatewaySetup(configurationModify: IConfigurationModify): Promise<void> {
        if (await new SettingsReader(this.getAccessors().reader).gateway()) {
            await configurationModify.scheduler.cancelJob(GATEWAY_SETUP_PROCESSOR);
            await configurationModify.scheduler.scheduleOnce({ id: GATEWAY_SETUP_PROCESSOR, when: new Date().toISOString(), data: {} });
        }
    }

    private context(read: IRead, modify: IModify, http: IHttp, persistence: IPersistence): AppContext {
        return appContext(read, modify, http, persistence, this.services());
    }

    /**
     * The app's services for one request, event or job. Under the Deno runtime the logger that reaches the app
     * logs is the one of the current call, so callers pass theirs; the app's own is right for events.
     */
    private services(logger: ILogger = this.getLogger()): AppServices {
        return { locks: this.locks, handlersInFlight: this.handlersInFlight, settingValues: this.settingValues, logger, appId: this.getID() };
    }

    /** Event handlers never throw into the engine: a failure is logged once, here. */
    private async guard(handler: string, work: () => Promise<void>): Promise<void> {
        try {
            await work();
        } catch (error) {
            this.getLogger().error(log.handlerFailed(handler, describeError(error)));
        }
    }
}
