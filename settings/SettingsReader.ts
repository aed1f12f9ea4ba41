import { IRead } from '@rocket.chat/apps-engine/definition/accessors';

import { DEFAULT_HISTORY_HOURS, DEFAULT_REQUEST_TIMEOUT_SECONDS, MAX_REQUEST_TIMEOUT_SECONDS } from './definitions';
import { SettingId } from './SettingId';

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

    private async text(id: SettingId): Promise<string> {
        const value = await this.read.getEnvironmentReader().getSettings().getValueById(id);
        return typeof value === 'string' ? value.trim() : '';
    }
}
