import { IMessage, IMessageAttachment } from '@rocket.chat/apps-engine/definition/messages';

import { badRequest } from './errors';
import { DEFAULT_MIME_TYPE, mimeTypeOf } from './mime';
import { CallbackAttachment } from './rapidpro/callbacks';
import { RemoteAttachment } from './rapidpro/requests';
import { fileNameOf, httpUrlProblem } from './url';

const GEO_POINT = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;

/**
 * A contact's attachment as Rocket.Chat shows it natively: images inline, audio and video with a player,
 * anything else as a named download link; a location (`geo:` from WhatsApp/Telegram) as a map link.
 */
export function visitorAttachment(remote: RemoteAttachment, field: string): IMessageAttachment {
    if (remote.type === 'geo') {
        return locationAttachment(remote.url, field);
    }
    const problem = httpUrlProblem(remote.url);
    if (problem) {
        throw badRequest(`${field}.url ${problem}`);
    }
    const type = remote.type || mimeTypeOf(remote.url);
    const attachment: IMessageAttachment = {
        title: { value: fileNameOf(remote.url) || type, link: remote.url, displayDownloadLink: true },
        type: 'file',
    };
    if (type.startsWith('image/')) {
        attachment.imageUrl = remote.url;
    } else if (type.startsWith('audio/')) {
        attachment.audioUrl = remote.url;
    } else if (type.startsWith('video/')) {
        attachment.videoUrl = remote.url;
    } else {
        attachment.description = type;
    }
    return attachment;
}

function locationAttachment(point: string, field: string): IMessageAttachment {
    const match = GEO_POINT.exec(point);
    if (!match || Math.abs(Number(match[1])) > 90 || Math.abs(Number(match[2])) > 180) {
        throw badRequest(`${field}.url must be "latitude,longitude" for a geo attachment`);
    }
    const [, latitude, longitude] = match;
    return {
        title: { value: `📍 ${latitude}, ${longitude}`, link: `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}` },
    };
}

/** The files of an agent's message: what RapidPro can download, and the links that could not be made absolute. */
export interface AgentFiles {
    attachments: Array<CallbackAttachment>;
    unreachable: Array<string>;
}

/**
 * The files of an agent's message as RapidPro downloads them: absolute URLs (site URL + file path) with
 * their MIME types. Quotes and other attachments without a link carry no file and are skipped.
 */
export function agentFiles(message: IMessage, siteUrl: string): AgentFiles {
    const files: AgentFiles = { attachments: [], unreachable: [] };
    const add = (link: string | undefined, knownType?: string) => {
        if (!link) {
            return;
        }
        const url = absoluteUrl(link, siteUrl);
        if (!url) {
            files.unreachable.push(link);
        } else if (!files.attachments.some((existing) => existing.url === url)) {
            files.attachments.push({ type: knownType || mimeTypeOf(url), url });
        }
    };
    const file = message.file;
    for (const attachment of message.attachments || []) {
        const link = (attachment.title && attachment.title.link) || attachment.imageUrl || attachment.audioUrl || attachment.videoUrl;
        add(link, file && link && link.includes(file._id) ? file.type : undefined);
    }
    const linked = [...files.attachments.map((attachment) => attachment.url), ...files.unreachable];
    if (file && !linked.some((link) => link.includes(file._id))) {
        add(`/file-upload/${file._id}/${encodeURIComponent(file.name)}`, file.type || DEFAULT_MIME_TYPE);
    }
    return files;
}

function absoluteUrl(link: string, siteUrl: string): string | undefined {
    if (/^https?:\/\//i.test(link)) {
        return link;
    }
    return link.startsWith('/') && siteUrl ? `${siteUrl}${link}` : undefined;
}
