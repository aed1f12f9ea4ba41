import { randomHex } from '../lib/crypto/randomHex';
import { authenticateFreeside } from '../lib/freeside/authenticateFreeside';
import { checkSignature, prepareMessage, readPreparedMessage, signPrepared } from '../lib/freeside/preparedMessage';
import { parseCallingCode } from '../lib/freeside/recipient';
import { sendPrepared } from '../lib/freeside/sendPrepared';
import { existingFreesideSigningKey, freesideSigningKey } from '../lib/freeside/signingKey';
import { parseTemplates } from '../lib/freeside/templates';
import { entriesOrNone } from '../lib/jsonSetting';
import { SettingsReader } from '../settings/SettingsReader';
import { AppRoute, json, jsonBody } from './AppEndpoint';

/**
 * `POST freeside/prepare`: Freeside's substitution variables (and the interface's additional POST content)
 * in, the prepared SMS out; nothing is sent, and only a valid request stores anything (the signing key, once). Errors are `{"error": "…"}` with a
 * 4xx status, which Freeside keeps as the error message.
 */
export const freesidePrepareRoute: AppRoute = {
    path: 'freeside/prepare',
    authenticate: authenticateFreeside,
    handlers: {
        post: async ({ request, context }) => {
            const variables = jsonBody(request);
            const settings = new SettingsReader(context.read);
            const [templates, country] = await Promise.all([settings.freesideTemplatesJson(), settings.freesideDefaultCountry()]);
            const message = prepareMessage(variables, { templates: entriesOrNone(templates, parseTemplates), callingCode: parseCallingCode(country) }, randomHex(16));
            return json(200, signPrepared(message, await freesideSigningKey(context)));
        },
    },
};

/** `POST freeside/send`: the prepared message, verbatim, sent once as SMS and shown in the customer's SMS room. */
export const freesideSendRoute: AppRoute = {
    path: 'freeside/send',
    authenticate: authenticateFreeside,
    handlers: {
        post: async ({ request, context }) => {
            const message = readPreparedMessage(jsonBody(request));
            return json(200, await sendPrepared(context, checkSignature(message, await existingFreesideSigningKey(context))));
        },
    },
};
