import { IApiResponse } from '@rocket.chat/apps-engine/definition/api';

import { forbidden } from '../lib/errors';
import { authenticateSource } from '../lib/sources/authenticateSource';
import { MessageSource } from '../lib/sources/MessageSource';
import { readIncomingMessage } from '../lib/sources/incomingMessage';
import { receiveIncoming } from '../lib/sources/receiveIncoming';
import { AppRoute } from './AppEndpoint';

/** Message Manager's answer: HTTP 200 either way, `OK` on the first line only when the message was saved. */
const plainText = (lines: Array<string>): IApiResponse => ({ status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, content: lines.join('\n') });
const failed = (errors: Array<string>) => plainText(['Failed', 'the incoming message had validation errors:', '', ...errors]);

/**
 * `POST messages/incoming`: Message Manager's interface for SMS gateways. The source logs in with Basic auth
 * (403 otherwise, and for another source's id); the message lands in the sender's room of that source.
 */
export const messagesIncomingRoute: AppRoute<MessageSource> = {
    path: 'messages/incoming',
    authenticate: authenticateSource,
    handlers: {
        post: async ({ request, context, caller: source }) => {
            const reading = readIncomingMessage(request.content);
            const sourceId = 'message' in reading ? reading.message.sourceId : reading.sourceId;
            if (sourceId !== undefined && sourceId !== source.id) {
                throw forbidden(`This login belongs to message source ${source.id}, not to source ${sourceId}`);
            }
            if ('errors' in reading) {
                return failed(reading.errors);
            }
            const outcome = await receiveIncoming(context, source, reading.message);
            if (outcome.kind === 'duplicate') {
                return failed(['error: A message from this source with this external ID already exists']);
            }
            return plainText(['OK', `Saved message id=${outcome.messageId}`]);
        },
    },
};
