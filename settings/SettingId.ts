/** Ids of the app's settings (Administration > Apps > Tickets); labels live in i18n/. */
export enum SettingId {
    AppSecret = 'app_secret',
    CallbackUrl = 'rapidpro_callback_url',
    ApiToken = 'rapidpro_api_token',
    HistoryHours = 'history_hours',
    DefaultDepartment = 'default_department',
    RequestTimeoutSeconds = 'request_timeout_seconds',
    NotesLanguage = 'notes_language',
}
