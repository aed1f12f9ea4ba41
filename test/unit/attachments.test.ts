import { IMessage } from '@rocket.chat/apps-engine/definition/messages';

import { agentFiles, visitorAttachment } from '../../lib/attachments';

describe('visitorAttachment', () => {
    it.each([
        ['image/jpg', 'https://m.org/a.jpg', { imageUrl: 'https://m.org/a.jpg' }],
        ['audio/ogg', 'https://m.org/a.ogg', { audioUrl: 'https://m.org/a.ogg' }],
        ['video/mp4', 'https://m.org/a.mp4', { videoUrl: 'https://m.org/a.mp4' }],
        ['application/pdf', 'https://m.org/a.pdf', { description: 'application/pdf' }],
        [undefined, 'https://m.org/photo.PNG', { imageUrl: 'https://m.org/photo.PNG' }],
    ])('shows %s natively', (type, url, expected) => {
        expect(visitorAttachment({ type, url }, 'attachments[0]')).toEqual({
            title: { value: url.split('/').pop(), link: url, displayDownloadLink: true },
            type: 'file',
            ...expected,
        });
    });

    it('names the field of a URL that is not http(s)', () => {
        expect(() => visitorAttachment({ type: 'image/png', url: 'file:///etc/passwd' }, 'attachments[2]')).toThrow(
            expect.objectContaining({ status: 400, message: 'attachments[2].url must be an absolute http:// or https:// URL' }),
        );
    });

    it('turns a geo point into a map link and refuses one out of range', () => {
        expect(visitorAttachment({ type: 'geo', url: '59.91,10.75' }, 'a').title).toEqual({
            value: '📍 59.91, 10.75',
            link: 'https://www.openstreetmap.org/?mlat=59.91&mlon=10.75#map=16/59.91/10.75',
        });
        expect(() => visitorAttachment({ type: 'geo', url: '95,10' }, 'a')).toThrow(expect.objectContaining({ status: 400 }));
    });
});

describe('agentFiles', () => {
    const site = 'https://chat.example.org';
    const message = (fields: Partial<IMessage>) => ({ room: {}, sender: {}, ...fields } as IMessage);

    it('makes an uploaded file an absolute URL with its type, once', () => {
        const result = agentFiles(
            message({
                file: { _id: 'F1', name: 'form 1.pdf', type: 'application/pdf' },
                attachments: [{ title: { value: 'form 1.pdf', link: '/file-upload/F1/form%201.pdf' }, type: 'file' }],
            }),
            site,
        );
        expect(result).toEqual({ attachments: [{ type: 'application/pdf', url: 'https://chat.example.org/file-upload/F1/form%201.pdf' }], unreachable: [] });
    });

    it('builds the file URL when the message has no attachment for it', () => {
        expect(agentFiles(message({ file: { _id: 'F2', name: 'a b.png', type: 'image/png' } }), site).attachments).toEqual([
            { type: 'image/png', url: 'https://chat.example.org/file-upload/F2/a%20b.png' },
        ]);
    });

    it('keeps absolute links, guesses types from names, and skips quotes without links', () => {
        const result = agentFiles(
            message({
                attachments: [{ imageUrl: 'https://cdn.example.org/x.gif' }, { text: 'quoted message', author: { name: 'maria' } }, { audioUrl: '/file-upload/A/voice.ogg' }],
            }),
            site,
        );
        expect(result.unreachable).toEqual([]);
        expect(result.attachments).toEqual([
            { type: 'image/gif', url: 'https://cdn.example.org/x.gif' },
            { type: 'audio/ogg', url: 'https://chat.example.org/file-upload/A/voice.ogg' },
        ]);
    });

    it('reports relative links as unreachable when the site URL is unknown, the file only once', () => {
        const result = agentFiles(
            message({ file: { _id: 'A', name: 'x.png', type: 'image/png' }, attachments: [{ imageUrl: '/file-upload/A/x.png' }, { imageUrl: 'https://cdn.example.org/y.png' }] }),
            '',
        );
        expect(result).toEqual({ attachments: [{ type: 'image/png', url: 'https://cdn.example.org/y.png' }], unreachable: ['/file-upload/A/x.png'] });
    });
});
