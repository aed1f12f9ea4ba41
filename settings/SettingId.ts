/** Ids of the app's settings (Administration > Apps > Tickets); labels live in i18n/. */
export enum SettingId {
    AppSecret = 'app_secret',
    CallbackUrl = 'rapidpro_callback_url',
    DefaultDepartment = 'default_department',
    RequestTimeoutSeconds = 'request_timeout_seconds',
    NotesLanguage = 'notes_language',
}
