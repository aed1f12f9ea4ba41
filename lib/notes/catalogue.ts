/**
 * What the app writes into rooms for agents, in every language the app speaks. Rocket.Chat translates
 * setting labels from i18n/*.json, but not message text an app posts, so notes are translated here,
 * in the language chosen in the app's settings. `{name}` placeholders are filled by noteText().
 */
export type NoteLanguage = 'en' | 'pt-BR' | 'es';

export const noteLanguages: Array<NoteLanguage> = ['en', 'pt-BR', 'es'];

export type NoteKey =
    | 'ticketOpened'
    | 'priority'
    | 'sessionStart'
    | 'customFieldsNotSaved'
    | 'fieldNotSaved'
    | 'ticketSwitched'
    | 'replyNotDelivered'
    | 'repliesHeld'
    | 'closeNotDelivered'
    | 'filesNeedSiteUrl'
    | 'closedByRapidPro'
    | 'roomNotRecorded'
    | 'historyTitle'
    | 'historyContact'
    | 'historyRapidPro'
    | 'historyNotLoaded'
    | 'smsConversationOpened'
    | 'smsStatusSent'
    | 'smsStatusDelivered'
    | 'smsStatusFailed'
    | 'smsStatusCancelled'
    | 'smsNotDelivered'
    | 'smsRepliesHeld'
    | 'mmsPartMissing'
    | 'mmsSentAsLinks'
    | 'smsCommandUsage'
    | 'smsCommandOpened'
    | 'smsCommandNoGateway'
    | 'providerRepliesHeld'
    | 'smsRouteChanged'
    | 'sourceConversationOpened'
    | 'messageTagged'
    | 'departmentMissing'
    | 'freesideMessage';

export const catalogue: Record<NoteLanguage, Record<NoteKey, string>> = {
    'en': {
        ticketOpened: 'RapidPro ticket {ticketID} opened for contact {contact}.',
        priority: 'Priority: {priority}',
        sessionStart: 'Conversation started: {sessionStart}',
        customFieldsNotSaved: 'These contact fields are not defined in Omnichannel > Custom Fields and were not saved on the visitor: {fields}',
        fieldNotSaved: '{field} was not saved ({reason}): {value}',
        ticketSwitched: 'RapidPro opened ticket {ticketID} for this contact (it was {previous}); replies now go to the new ticket.',
        replyNotDelivered: 'Not delivered to RapidPro: {reason}. Message: “{summary}”',
        repliesHeld: 'RapidPro is not taking replies right now ({reason}). Your replies are kept and will be sent, in order, when it is back.',
        filesNeedSiteUrl: 'These files cannot be sent to RapidPro because the Site URL of Rocket.Chat is not set (Administration > Settings > General): {files}',
        closeNotDelivered: 'RapidPro could not be told that this room was closed: {reason}. Close the ticket in RapidPro.',
        closedByRapidPro: 'Closed by RapidPro',
        roomNotRecorded: 'Closed: Tickets could not record this room; RapidPro opens the ticket again',
        historyTitle: 'Conversation with RapidPro before the handover (since {since}):',
        historyContact: 'Contact',
        historyRapidPro: 'RapidPro',
        historyNotLoaded: 'The conversation before the handover could not be loaded from RapidPro: {reason}',
        smsConversationOpened: 'SMS conversation with {phone}. Replies here go out as SMS.',
        smsStatusSent: '✓ SMS sent to {phone}: “{summary}”',
        smsStatusDelivered: '✓✓ SMS delivered to {phone}: “{summary}”',
        smsStatusFailed: '⚠ SMS to {phone} failed ({reason}): “{summary}”',
        smsStatusCancelled: '⚠ SMS to {phone} was cancelled: “{summary}”',
        smsNotDelivered: 'Not sent as SMS: {reason}. Message: “{summary}”',
        smsRepliesHeld: 'MessageGate is not taking replies right now ({reason}). Your replies are kept and will be sent as SMS, in order, when it is back.',
        mmsPartMissing: 'A file of this MMS could not be copied into the room ({file}): {reason}',
        mmsSentAsLinks: 'The files were sent as links in an SMS, not as an MMS: {reason}',
        smsCommandUsage: 'Usage: /sms <phone number> [first message], e.g. /sms +4790214465 Hello',
        smsCommandOpened: 'The SMS conversation with {phone} is open in room {room}.',
        smsCommandNoGateway: 'SMS is not set up: fill in MessageGate URL, username and password, or an SMS provider template, in the Tickets app settings.',
        providerRepliesHeld: 'The SMS provider is not taking replies right now ({reason}). Your replies are kept and will be sent as SMS, in order, when it is back.',
        smsRouteChanged: 'The contact now writes through {route}; replies here go out the same way.',
        sourceConversationOpened: 'Messages from {phone} through {source}. Replies here go out as SMS.',
        messageTagged: 'Tagged {tag}: for the department {department}.',
        departmentMissing: 'This conversation belongs to the department “{department}”, which Omnichannel does not have (check the Tickets settings); it opened here instead.',
        freesideMessage: 'Freeside sent this SMS to {customer} (template {template}):\n{text}',
    },
    'pt-BR': {
        ticketOpened: 'Ticket {ticketID} do RapidPro aberto para o contato {contact}.',
        priority: 'Prioridade: {priority}',
        sessionStart: 'Conversa iniciada: {sessionStart}',
        customFieldsNotSaved: 'Estes campos do contato não estão definidos em Omnichannel > Campos personalizados e não foram salvos no visitante: {fields}',
        fieldNotSaved: '{field} não foi salvo ({reason}): {value}',
        ticketSwitched: 'O RapidPro abriu o ticket {ticketID} para este contato (era {previous}); as respostas agora vão para o novo ticket.',
        replyNotDelivered: 'Não entregue ao RapidPro: {reason}. Mensagem: “{summary}”',
        repliesHeld: 'O RapidPro não está recebendo respostas agora ({reason}). Suas respostas estão guardadas e serão enviadas, em ordem, quando ele voltar.',
        filesNeedSiteUrl: 'Estes arquivos não podem ser enviados ao RapidPro porque a URL do site do Rocket.Chat não está definida (Administração > Configurações > Geral): {files}',
        closeNotDelivered: 'Não foi possível avisar o RapidPro que esta sala foi encerrada: {reason}. Encerre o ticket no RapidPro.',
        closedByRapidPro: 'Encerrado pelo RapidPro',
        roomNotRecorded: 'Encerrada: o Tickets não conseguiu registrar esta sala; o RapidPro abre o ticket novamente',
        historyTitle: 'Conversa com o RapidPro antes do encaminhamento (desde {since}):',
        historyContact: 'Contato',
        historyRapidPro: 'RapidPro',
        historyNotLoaded: 'Não foi possível carregar do RapidPro a conversa anterior ao encaminhamento: {reason}',
        smsConversationOpened: 'Conversa por SMS com {phone}. As respostas aqui saem como SMS.',
        smsStatusSent: '✓ SMS enviado para {phone}: “{summary}”',
        smsStatusDelivered: '✓✓ SMS entregue a {phone}: “{summary}”',
        smsStatusFailed: '⚠ O SMS para {phone} falhou ({reason}): “{summary}”',
        smsStatusCancelled: '⚠ O SMS para {phone} foi cancelado: “{summary}”',
        smsNotDelivered: 'Não enviado como SMS: {reason}. Mensagem: “{summary}”',
        smsRepliesHeld: 'O MessageGate não está aceitando respostas agora ({reason}). Suas respostas estão guardadas e serão enviadas por SMS, em ordem, quando ele voltar.',
        mmsPartMissing: 'Um arquivo deste MMS não pôde ser copiado para a sala ({file}): {reason}',
        mmsSentAsLinks: 'Os arquivos foram enviados como links num SMS, não como MMS: {reason}',
        smsCommandUsage: 'Uso: /sms <número de telefone> [primeira mensagem], p. ex. /sms +5511987654321 Olá',
        smsCommandOpened: 'A conversa por SMS com {phone} está aberta na sala {room}.',
        smsCommandNoGateway: 'O SMS não está configurado: preencha URL, usuário e senha do MessageGate, ou um modelo de provedor de SMS, nas configurações do app Tickets.',
        providerRepliesHeld: 'O provedor de SMS não está aceitando respostas agora ({reason}). Suas respostas estão guardadas e serão enviadas por SMS, em ordem, quando ele voltar.',
        smsRouteChanged: 'O contato agora escreve por {route}; as respostas aqui saem pelo mesmo caminho.',
        sourceConversationOpened: 'Mensagens de {phone} por {source}. As respostas aqui saem como SMS.',
        messageTagged: 'Etiqueta {tag}: para o departamento {department}.',
        departmentMissing: 'Esta conversa pertence ao departamento “{department}”, que o Omnichannel não tem (confira as configurações do Tickets); ela foi aberta aqui.',
        freesideMessage: 'O Freeside enviou este SMS para {customer} (modelo {template}):\n{text}',
    },
    'es': {
        ticketOpened: 'Ticket {ticketID} de RapidPro abierto para el contacto {contact}.',
        priority: 'Prioridad: {priority}',
        sessionStart: 'Conversación iniciada: {sessionStart}',
        customFieldsNotSaved: 'Estos campos del contacto no están definidos en Omnichannel > Campos personalizados y no se guardaron en el visitante: {fields}',
        fieldNotSaved: '{field} no se guardó ({reason}): {value}',
        ticketSwitched: 'RapidPro abrió el ticket {ticketID} para este contacto (era {previous}); las respuestas ahora van al nuevo ticket.',
        replyNotDelivered: 'No entregado a RapidPro: {reason}. Mensaje: “{summary}”',
        repliesHeld: 'RapidPro no está recibiendo respuestas ahora ({reason}). Sus respuestas se guardan y se enviarán, en orden, cuando vuelva.',
        filesNeedSiteUrl: 'Estos archivos no se pueden enviar a RapidPro porque la URL del sitio de Rocket.Chat no está definida (Administración > Configuración > General): {files}',
        closeNotDelivered: 'No se pudo avisar a RapidPro que esta sala se cerró: {reason}. Cierre el ticket en RapidPro.',
        closedByRapidPro: 'Cerrado por RapidPro',
        roomNotRecorded: 'Cerrada: Tickets no pudo registrar esta sala; RapidPro abre el ticket de nuevo',
        historyTitle: 'Conversación con RapidPro antes de la derivación (desde {since}):',
        historyContact: 'Contacto',
        historyRapidPro: 'RapidPro',
        historyNotLoaded: 'No se pudo cargar desde RapidPro la conversación anterior a la derivación: {reason}',
        smsConversationOpened: 'Conversación por SMS con {phone}. Las respuestas aquí salen como SMS.',
        smsStatusSent: '✓ SMS enviado a {phone}: “{summary}”',
        smsStatusDelivered: '✓✓ SMS entregado a {phone}: “{summary}”',
        smsStatusFailed: '⚠ El SMS a {phone} falló ({reason}): “{summary}”',
        smsStatusCancelled: '⚠ El SMS a {phone} fue cancelado: “{summary}”',
        smsNotDelivered: 'No enviado como SMS: {reason}. Mensaje: “{summary}”',
        smsRepliesHeld: 'MessageGate no acepta respuestas ahora ({reason}). Sus respuestas se guardan y se enviarán como SMS, en orden, cuando vuelva.',
        mmsPartMissing: 'Un archivo de este MMS no se pudo copiar a la sala ({file}): {reason}',
        mmsSentAsLinks: 'Los archivos se enviaron como enlaces en un SMS, no como MMS: {reason}',
        smsCommandUsage: 'Uso: /sms <número de teléfono> [primer mensaje], p. ej. /sms +34612345678 Hola',
        smsCommandOpened: 'La conversación por SMS con {phone} está abierta en la sala {room}.',
        smsCommandNoGateway: 'El SMS no está configurado: complete URL, usuario y contraseña de MessageGate, o una plantilla de proveedor de SMS, en los ajustes de la app Tickets.',
        providerRepliesHeld: 'El proveedor de SMS no acepta respuestas ahora ({reason}). Sus respuestas se guardan y se enviarán como SMS, en orden, cuando vuelva.',
        smsRouteChanged: 'El contacto ahora escribe por {route}; las respuestas aquí salen por el mismo camino.',
        sourceConversationOpened: 'Mensajes de {phone} a través de {source}. Las respuestas aquí salen como SMS.',
        messageTagged: 'Etiqueta {tag}: para el departamento {department}.',
        departmentMissing: 'Esta conversación pertenece al departamento “{department}”, que Omnichannel no tiene (revise la configuración de Tickets); se abrió aquí.',
        freesideMessage: 'Freeside envió este SMS a {customer} (plantilla {template}):\n{text}',
    },
};

export function noteText(language: string, key: NoteKey, values: Record<string, string>): string {
    const texts = catalogue[language as NoteLanguage] || catalogue.en;
    return texts[key].replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? values[name] : placeholder));
}
