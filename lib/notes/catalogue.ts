/**
 * What the app writes into rooms for agents, in every language the app speaks. Rocket.Chat translates
 * setting labels from i18n/*.json, but not message text an app posts, so notes are translated here,
 * in the language chosen in the app's settings. `{name}` placeholders are filled by noteText().
 */
export type NoteLanguage = 'en' | 'pt-BR' | 'es';

export const noteLanguages: Array<NoteLanguage> = ['en', 'pt-BR', 'es'];

export type NoteKey = 'ticketOpened' | 'priority' | 'sessionStart' | 'customFieldsNotSaved' | 'replyNotDelivered' | 'closeNotDelivered' | 'closedByRapidPro';

export const catalogue: Record<NoteLanguage, Record<NoteKey, string>> = {
    'en': {
        ticketOpened: 'RapidPro ticket {ticketID} opened for contact {contact}.',
        priority: 'Priority: {priority}',
        sessionStart: 'Conversation started: {sessionStart}',
        customFieldsNotSaved: 'These contact fields are not defined in Omnichannel > Custom Fields and were not saved on the visitor: {fields}',
        replyNotDelivered: 'Not delivered to RapidPro: {reason}. Message: “{summary}”',
        closeNotDelivered: 'RapidPro could not be told that this room was closed: {reason}. Close the ticket in RapidPro.',
        closedByRapidPro: 'Closed by RapidPro',
    },
    'pt-BR': {
        ticketOpened: 'Ticket {ticketID} do RapidPro aberto para o contato {contact}.',
        priority: 'Prioridade: {priority}',
        sessionStart: 'Conversa iniciada: {sessionStart}',
        customFieldsNotSaved: 'Estes campos do contato não estão definidos em Omnichannel > Campos personalizados e não foram salvos no visitante: {fields}',
        replyNotDelivered: 'Não entregue ao RapidPro: {reason}. Mensagem: “{summary}”',
        closeNotDelivered: 'Não foi possível avisar o RapidPro que esta sala foi encerrada: {reason}. Encerre o ticket no RapidPro.',
        closedByRapidPro: 'Encerrado pelo RapidPro',
    },
    'es': {
        ticketOpened: 'Ticket {ticketID} de RapidPro abierto para el contacto {contact}.',
        priority: 'Prioridad: {priority}',
        sessionStart: 'Conversación iniciada: {sessionStart}',
        customFieldsNotSaved: 'Estos campos del contacto no están definidos en Omnichannel > Campos personalizados y no se guardaron en el visitante: {fields}',
        replyNotDelivered: 'No entregado a RapidPro: {reason}. Mensaje: “{summary}”',
        closeNotDelivered: 'No se pudo avisar a RapidPro que esta sala se cerró: {reason}. Cierre el ticket en RapidPro.',
        closedByRapidPro: 'Cerrado por RapidPro',
    },
};

export function noteText(language: string, key: NoteKey, values: Record<string, string>): string {
    const texts = catalogue[language as NoteLanguage] || catalogue.en;
    return texts[key].replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? values[name] : placeholder));
}
