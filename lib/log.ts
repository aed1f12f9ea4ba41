/**
 * Every line the app logs, worded once. Values that could hold a secret (settings, headers, bodies) are
 * never passed here.
 */
export const log = {
    requestRefused: (path: string, method: string, status: number, reason: string) => `${method.toUpperCase()} ${path} refused with ${status}: ${reason}`,
    requestFailed: (path: string, method: string, reason: string) => `${method.toUpperCase()} ${path} failed: ${reason}`,
    callbackUrlSaved: (url: string) => `RapidPro callback URL set to ${withoutQuery(url)}`,
    ticketOpened: (ticketID: string, roomId: string) => `Ticket ${ticketID} opened in room ${roomId}`,
    ticketReused: (ticketID: string, roomId: string) => `Ticket ${ticketID} continues in the open room ${roomId}`,
    ticketSwitched: (previous: string, ticketID: string, roomId: string) => `RapidPro replaced ticket ${previous} by ${ticketID} in the open room ${roomId}`,
    ticketClosedByRapidPro: (roomId: string) => `Room ${roomId} closed at RapidPro's request`,
    ticketClosedInRocketChat: (roomId: string) => `Room ${roomId} closed in Rocket.Chat; telling RapidPro`,
    customFieldsNotSaved: (fields: Array<string>) => `Custom fields not defined in Omnichannel were not saved: ${fields.join(', ')}`,
    delivered: (itemId: string, attempts: number) => `Delivered ${itemId} (attempt ${attempts})`,
    deliveryRetry: (itemId: string, attempts: number, seconds: number, reason: string) =>
        `Attempt ${attempts} of ${itemId} failed (${reason}); retrying in ${seconds} s`,
    deliveryFailed: (itemId: string, attempts: number, reason: string) => `Gave up on ${itemId} after ${attempts} attempt(s): ${reason}`,
    attemptJobFailed: (roomId: string, seconds: number, reason: string) => `The outbox attempt of room ${roomId} failed (${reason}); trying again in ${seconds} s`,
    sweepFailed: (roomId: string | undefined, reason: string) => `The outbox sweep${roomId ? ` of room ${roomId}` : ''} failed: ${reason}`,
    attemptJobGaveUp: (roomId: string, failures: number, reason: string) => `The outbox attempts of room ${roomId} failed ${failures} times in a row (${reason}); the sweep will try again`,
    historyRetry: (roomId: string, attempt: number, seconds: number, reason: string) =>
        `Loading the history of room ${roomId} failed (attempt ${attempt}: ${reason}); retrying in ${seconds} s`,
    historyFailed: (roomId: string, reason: string) => `Gave up loading the history of room ${roomId}: ${reason}`,
    historyNotScheduled: (roomId: string, reason: string) => `Could not schedule loading the history of room ${roomId}: ${reason}`,
    unrecordedRoomNotClosed: (roomId: string, reason: string) => `Room ${roomId}, whose ticket could not be recorded, could not be closed: ${reason}`,
    noteFailed: (roomId: string, reason: string) => `Could not tell the agents in room ${roomId}: ${reason}`,
    settingRefused: (id: string, reason: string) => `Kept the previous value of setting ${id}: ${reason}`,
    deliveryPollGaveUp: (messageId: string, state: string) => `Stopped asking MessageGate about SMS ${messageId}: still ${state} after a day`,
    webhookAccepted: (event: string, envelopeId: string, outcome: string) => `MessageGate ${event} ${envelopeId}: ${outcome}`,
    smsConversationOpened: (roomId: string) => `SMS conversation opened in room ${roomId}`,
    sourceDepartmentMissing: (sourceId: string, department: string) =>
        `Message source ${sourceId}: the department "${department}" (of the source or its tag) does not exist in Omnichannel; the conversation opens in the SMS department`,
    gatewayHealth: (status: string, version: string) => `MessageGate health: ${status}${version ? ` (version ${version})` : ''}`,
    gatewayUnhealthy: (status: string, reason: string) => `MessageGate is not healthy (${status}): ${reason}`,
    webhooksRegistered: (url: string, events: Array<string>) => `MessageGate webhooks point to ${url} for ${events.join(', ')}`,
    webhooksRemoved: (count: number) => `Removed ${count} MessageGate webhooks`,
    gatewaySetupFailed: (attempt: number, seconds: number | undefined, reason: string) =>
        `Setting up MessageGate failed (attempt ${attempt}: ${reason})${seconds === undefined ? '; giving up until its settings change' : `; retrying in ${seconds} s`}`,
    gatewayRefreshFailed: (reason: string) => `Refreshing the MessageGate webhooks failed (${reason}); trying again in 30 minutes`,
    gatewaySetupSkipped: (reason: string) => `MessageGate webhooks not registered: ${reason}`,
    smsCommandFailed: (phone: string, reason: string) => `/sms ${phone} failed: ${reason}`,
    providerMessageIdMissing: (provider: string, messageId: string) =>
        `${provider} took SMS ${messageId}, but its answer has no message id where the template's response_map says; its delivery reports cannot be matched`,
    providerStatusNotRecorded: (provider: string, messageId: string, reason: string) =>
        `${provider} took SMS ${messageId}, but its delivery status could not be recorded (${reason}); it is not sent again`,
    providerWebhookAccepted: (provider: string, event: string, outcome: string) => `SMS provider ${provider} ${event}: ${outcome}`,
    handlerFailed: (handler: string, reason: string) => `${handler} failed: ${reason}`,
    sourceMessageSaved: (sourceId: string, messageId: string, roomId: string) => `Message source ${sourceId}: message ${messageId} saved in room ${roomId}`,
    freesideQueued: (id: string, roomId: string) => `Freeside message ${id} queued as SMS from room ${roomId}`,
};

function withoutQuery(url: string): string {
    return url.split(/[?#]/)[0];
}
