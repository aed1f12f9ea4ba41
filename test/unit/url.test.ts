import { fileNameOf, httpUrlProblem } from '../../lib/url';

describe('httpUrlProblem', () => {
    it.each([
        'https://rapidpro.example.org/mr/tickets/types/rocketchat/event_callback/8ecb1e4a',
        'http://127.0.0.1:8000/cb?x=1#y',
        'https://[::1]:8443/cb',
        'HTTPS://Example.ORG',
    ])('accepts %s', (url) => {
        expect(httpUrlProblem(url)).toBeUndefined();
    });

    it.each([
        ['ftp://example.org/cb', 'must be an absolute http:// or https:// URL'],
        ['example.org/cb', 'must be an absolute http:// or https:// URL'],
        ['javascript:alert(1)', 'must be an absolute http:// or https:// URL'],
        ['https://user:secret@example.org/cb', 'must not contain credentials'],
        ['https://exa mple.org', 'must be an absolute http:// or https:// URL'],
        ['https:///cb', 'must name a valid host'],
        ['https://-bad-.org', 'must name a valid host'],
        ['https://example.org:0/cb', 'must have a port between 1 and 65535'],
        ['https://example.org:70000', 'must have a port between 1 and 65535'],
    ])('refuses %s: %s', (url, problem) => {
        expect(httpUrlProblem(url)).toBe(problem);
    });
});

describe('fileNameOf', () => {
    it('takes the last path segment, decoded, without query or fragment', () => {
        expect(fileNameOf('https://media.example.org/a/b/My%20Photo.jpg?sig=1#x')).toBe('My Photo.jpg');
    });

    it('keeps a segment that does not decode', () => {
        expect(fileNameOf('https://media.example.org/100%.png')).toBe('100%.png');
    });
});
