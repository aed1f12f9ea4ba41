import { ISetting, SettingType } from '@rocket.chat/apps-engine/definition/settings';

import { noteLanguages } from '../lib/notes/catalogue';
import { SettingId } from './SettingId';

export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 15;
export const MAX_REQUEST_TIMEOUT_SECONDS = 25;
export const DEFAULT_HISTORY_HOURS = 6;
export const DEFAULT_TIMESTAMP_WINDOW_SECONDS = 300;
export const DEFAULT_MAX_ATTACHMENT_MEGABYTES = 5;

const rapidProSection = 'RapidPro';
const omnichannelSection = 'Omnichannel';
const deliverySection = 'Delivery';
const smsSection = 'SMS';
const messageSourcesSection = 'Message sources';
const freesideSection = 'Freeside';

/** A setting of the SMS leg: optional, private, labelled `setting_<id>_label` and `setting_<id>_description`. */
function smsSetting(id: SettingId, type: SettingType, packageValue: unknown): ISetting {
    return {
        id,
        type,
        packageValue,
        required: false,
        public: false,
        section: smsSection,
        i18nLabel: `setting_${id}_label`,
        i18nDescription: `setting_${id}_description`,
    };
}

/** Like smsSetting, in another section: message sources (messages/incoming) and Freeside. */
function sectionSetting(section: string, id: SettingId, type: SettingType, packageValue: unknown): ISetting {
    return { ...smsSetting(id, type, packageValue), section };
}

export const settingDefinitions: Array<ISetting> = [
    {
        id: SettingId.AppSecret,
        type: SettingType.PASSWORD,
        packageValue: '',
        required: true,
        public: false,
        section: rapidProSection,
        i18nLabel: 'setting_app_secret_label',
        i18nDescription: 'setting_app_secret_description',
    },
    {
        id: SettingId.CallbackUrl,
        type: SettingType.STRING,
        packageValue: '',
        required: false,
        public: false,
        section: rapidProSection,
        i18nLabel: 'setting_rapidpro_callback_url_label',
        i18nDescription: 'setting_rapidpro_callback_url_description',
    },
    {
        id: SettingId.ApiToken,
        type: SettingType.PASSWORD,
        packageValue: '',
        required: false,
        public: false,
        section: rapidProSection,
        i18nLabel: 'setting_rapidpro_api_token_label',
        i18nDescription: 'setting_rapidpro_api_token_description',
    },
    {
        id: SettingId.HistoryHours,
        type: SettingType.NUMBER,
        packageValue: DEFAULT_HISTORY_HOURS,
        required: false,
        public: false,
        section: rapidProSection,
        i18nLabel: 'setting_history_hours_label',
        i18nDescription: 'setting_history_hours_description',
    },
    {
        id: SettingId.DefaultDepartment,
        type: SettingType.STRING,
        packageValue: '',
        required: false,
        public: false,
        section: omnichannelSection,
        i18nLabel: 'setting_default_department_label',
        i18nDescription: 'setting_default_department_description',
    },
    {
        id: SettingId.RequestTimeoutSeconds,
        type: SettingType.NUMBER,
        packageValue: DEFAULT_REQUEST_TIMEOUT_SECONDS,
        required: true,
        public: false,
        section: deliverySection,
        i18nLabel: 'setting_request_timeout_seconds_label',
        i18nDescription: 'setting_request_timeout_seconds_description',
    },
    {
        id: SettingId.NotesLanguage,
        type: SettingType.SELECT,
        packageValue: 'en',
        values: noteLanguages.map((language) => ({ key: language, i18nLabel: `language_${language}` })),
        required: true,
        public: false,
        section: omnichannelSection,
        i18nLabel: 'setting_notes_language_label',
        i18nDescription: 'setting_notes_language_description',
    },
    smsSetting(SettingId.GatewayUrl, SettingType.STRING, ''),
    smsSetting(SettingId.GatewayUsername, SettingType.STRING, ''),
    smsSetting(SettingId.GatewayPassword, SettingType.PASSWORD, ''),
    smsSetting(SettingId.SigningKey, SettingType.PASSWORD, ''),
    smsSetting(SettingId.SimNumber, SettingType.NUMBER, 0),
    smsSetting(SettingId.SmsDepartment, SettingType.STRING, ''),
    smsSetting(SettingId.DeliveryReports, SettingType.BOOLEAN, true),
    smsSetting(SettingId.TimestampWindowSeconds, SettingType.NUMBER, DEFAULT_TIMESTAMP_WINDOW_SECONDS),
    smsSetting(SettingId.MaxAttachmentMegabytes, SettingType.NUMBER, DEFAULT_MAX_ATTACHMENT_MEGABYTES),
    smsSetting(SettingId.RapidProRepliesBySms, SettingType.BOOLEAN, false),
    { ...smsSetting(SettingId.ProviderTemplate, SettingType.CODE, ''), multiline: true },
    smsSetting(SettingId.ProviderProperties, SettingType.PASSWORD, ''),
    smsSetting(SettingId.ProviderWebhookToken, SettingType.PASSWORD, ''),
    {
        ...smsSetting(SettingId.DefaultSmsRoute, SettingType.SELECT, 'messagegate'),
        values: [
            { key: 'messagegate', i18nLabel: 'sms_route_messagegate' },
            { key: 'provider', i18nLabel: 'sms_route_provider' },
        ],
    },
    sectionSetting(messageSourcesSection, SettingId.MessageSources, SettingType.CODE, ''),
    sectionSetting(messageSourcesSection, SettingId.MessageTags, SettingType.CODE, ''),
    sectionSetting(messageSourcesSection, SettingId.RemoveTagsWhenMatched, SettingType.BOOLEAN, true),
    sectionSetting(freesideSection, SettingId.FreesideUsername, SettingType.STRING, ''),
    sectionSetting(freesideSection, SettingId.FreesidePassword, SettingType.PASSWORD, ''),
    sectionSetting(freesideSection, SettingId.FreesideTemplates, SettingType.CODE, ''),
    sectionSetting(freesideSection, SettingId.FreesideDefaultCountry, SettingType.STRING, ''),
];
