import { IRead } from '@rocket.chat/apps-engine/definition/accessors';

import {
    DEFAULT_HISTORY_HOURS,
    DEFAULT_MAX_ATTACHMENT_MEGABYTES,
    DEFAULT_REQUEST_TIMEOUT_SECONDS,
    DEFAULT_TIMESTAMP_WINDOW_SECONDS,
    MAX_REQUEST_TIMEOUT_SECONDS,
} from './definitions';
import { SettingId } from './SettingId';

/** How the app reaches the MessageGate gateway: its local server and Basic auth. */
export interface GatewaySettings {
    url: string;
    username: string;
    password: string;
    timeoutMs: number;
}

/** The one typed way to read the app's settings; each getter reads the current value (admins change them live). */
export class SettingsReader {
    constructor(private readonly read: IRead) {}

    public async appSecret(): Promise<string> {
        return this.text(SettingId.AppSecret);
    }

    public async callbackUrl(): Promise<string> {
        return this.text(SettingId.CallbackUrl);
    }

    /** The token of RapidPro's REST API, to read a contact's conversation before the handover; empty: no history. */
    public async apiToken(): Promise<string> {
        return this.text(SettingId.ApiToken);
    }

    /** How far back the history reaches when RapidPro sends no sessionStart; 0 turns it off then. */
    public async historyHours(): Promise<number> {
        const hours = Number(await this.read.getEnvironmentReader().getSettings().getValueById(SettingId.HistoryHours));
        return Number.isFinite(hours) && hours >= 0 ? hours : DEFAULT_HISTORY_HOURS;
    }

    public async defaultDepartment(): Promise<string> {
        return this.text(SettingId.DefaultDepartment);
    }

    /** At most 25 s: the Deno runtime gives each call of the app 30 s. */
    public async requestTimeoutMs(): Promise<number> {
        const seconds = Number(await this.read.getEnvironmentReader().getSettings().getValueById(SettingId.RequestTimeoutSeconds));
        return Math.min(Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_REQUEST_TIMEOUT_SECONDS, MAX_REQUEST_TIMEOUT_SECONDS) * 1000;
    }

    /** The language of the notes the app writes into rooms for agents. */
    public async notesLanguage(): Promise<string> {
        return (await this.text(SettingId.NotesLanguage)) || 'en';
    }

    /** Rocket.Chat's site URL without a trailing slash, the base of absolute file links. */
    public async siteUrl(): Promise<string> {
        const value = await this.read.getEnvironmentReader().getServerSettings().getValueById('Site_Url');
        return String(value || '').trim().replace(/\/+$/, '');
    }

    /** The gateway, once its URL, username and password are all set; undefined: the SMS leg is off. */
    public async gateway(): Promise<GatewaySettings | undefined> {
        const [url, username, password, timeoutMs] = await Promise.all([
            this.text(SettingId.GatewayUrl),
            this.text(SettingId.GatewayUsername),
            this.text(SettingId.GatewayPassword),
            this.requestTimeoutMs(),
        ]);
        return url && username && password ? { url: url.replace(/\/+$/, ''), username, password, timeoutMs } : undefined;
    }

    public async signingKey(): Promise<string> {
        return this.text(SettingId.SigningKey);
    }

    /** The SIM that sends, or undefined for the phone's default. */
    public async simNumber(): Promise<number | undefined> {
        const sim = await this.number(SettingId.SimNumber, 0);
        return Number.isInteger(sim) && sim > 0 ? sim : undefined;
    }

    public async smsDepartment(): Promise<string> {
        return (await this.text(SettingId.SmsDepartment)) || this.defaultDepartment();
    }

    public async deliveryReports(): Promise<boolean> {
        return (await this.read.getEnvironmentReader().getSettings().getValueById(SettingId.DeliveryReports)) !== false;
    }

    public async timestampWindowSeconds(): Promise<number> {
        return this.number(SettingId.TimestampWindowSeconds, DEFAULT_TIMESTAMP_WINDOW_SECONDS);
    }

    public async maxAttachmentBytes(): Promise<number> {
        return (await this.number(SettingId.MaxAttachmentMegabytes, DEFAULT_MAX_ATTACHMENT_MEGABYTES)) * 1024 * 1024;
    }

    public async rapidProRepliesBySms(): Promise<boolean> {
        return (await this.read.getEnvironmentReader().getSettings().getValueById(SettingId.RapidProRepliesBySms)) === true;
    }

    /** The JSON template of the HTTP SMS provider (lib/providers/template.ts); empty: no provider. */
    public async providerTemplate(): Promise<string> {
        return this.text(SettingId.ProviderTemplate);
    }

    /** The values of the template's `properties`, as a JSON object of texts (kept in a password field: they hold keys). */
    public async providerProperties(): Promise<string> {
        return this.text(SettingId.ProviderProperties);
    }

    public async providerWebhookToken(): Promise<string> {
        return this.text(SettingId.ProviderWebhookToken);
    }

    /** Which way `/sms` opens a conversation when both MessageGate and a provider are set up. */
    public async defaultSmsRoute(): Promise<'messagegate' | 'provider'> {
        return (await this.text(SettingId.DefaultSmsRoute)) === 'provider' ? 'provider' : 'messagegate';
    }

    /**
     * The JSON settings as their text: each is parsed where it is used (lib/sources, lib/freeside), because
     * under vm2 every module imported here is copied again for each of the many modules importing this one.
     */
    public async messageSourcesJson(): Promise<string> {
        return this.text(SettingId.MessageSources);
    }

    public async messageTagsJson(): Promise<string> {
        return this.text(SettingId.MessageTags);
    }

    public async freesideTemplatesJson(): Promise<string> {
        return this.text(SettingId.FreesideTemplates);
    }

    /** The calling code national numbers from Freeside are completed with, as the admin wrote it. */
    public async freesideDefaultCountry(): Promise<string> {
        return this.text(SettingId.FreesideDefaultCountry);
    }

    public async removeTagsWhenMatched(): Promise<boolean> {
        return (await this.read.getEnvironmentReader().getSettings().getValueById(SettingId.RemoveTagsWhenMatched)) !== false;
    }

    /** The Basic auth login Freeside must present; undefined until both username and password are set (Freeside is refused). */
    public async freesideLogin(): Promise<{ username: string; password: string } | undefined> {
        const [username, password] = await Promise.all([this.text(SettingId.FreesideUsername), this.text(SettingId.FreesidePassword)]);
        return username && password ? { username, password } : undefined;
    }

    /** A positive number setting, or its default when unset or not a positive number. */
    private async number(id: SettingId, fallback: number): Promise<number> {
        const value = Number(await this.read.getEnvironmentReader().getSettings().getValueById(id));
        return Number.isFinite(value) && value > 0 ? value : fallback;
    }

    private async text(id: SettingId): Promise<string> {
        const value = await this.read.getEnvironmentReader().getSettings().getValueById(id);
        return typeof value === 'string' ? value.trim() : '';
    }
}
