import { formOrJsonBody } from '../../lib/sources/formBody';
import { readIncomingMessage } from '../../lib/sources/incomingMessage';
import { parseMessageSources } from '../../lib/sources/MessageSource';
import { matchTag, parseMessageTags } from '../../lib/sources/tags';

describe('the Message sources setting', () => {
    it('reads sources with defaults for name, department and replies', () => {
        expect(parseMessageSources('[{"id": 7, "username": "gw", "password": "pw-1234"}]')).toEqual([
            { id: '7', name: 'Source 7', username: 'gw', password: 'pw-1234', department: '', route: { via: 'messagegate' } },
        ]);
        expect(parseMessageSources('  ')).toEqual([]);
    });

    it('reads replies through the SMS provider template of the given name', () => {
        expect(parseMessageSources('[{"id": "h", "username": "gw", "password": "p", "replies": "provider:generic-json"}]')[0].route).toEqual({ via: 'provider', provider: 'generic-json' });
    });

    it.each([
        ['{"id": "1"}', 'it must be a JSON array of sources'],
        ['[{"id": "1", "username": "gw"}]', 'source 1: "password" is required'],
        ['[{"id": "a b", "username": "gw", "password": "p"}]', 'source 1: "id" must be 1 to 36 letters'],
        ['[{"id": "1", "username": "g:w", "password": "p"}]', 'source 1: "username" must not contain ":"'],
        ['[{"id": "1", "username": "gw", "password": "p", "replies": "carrier-pigeon"}]', 'source 1: "replies" must be "messagegate" or "provider:<name of the SMS provider template>"'],
        ['[{"id": "1", "username": "gw", "password": "p", "replies": "provider: "}]', 'source 1: "replies" must be "messagegate" or "provider:'],
        ['[{"id": "1", "username": "gw", "password": "p", "pasword": "p"}]', 'source 1: unknown field "pasword"'],
        ['[{"id": "1", "username": "a", "password": "p"}, {"id": "1", "username": "b", "password": "q"}]', 'two sources have the id "1"'],
        ['[{"id": "1", "username": "a", "password": "p"}, {"id": "2", "username": "a", "password": "q"}]', 'two sources have the username "a"'],
    ])('refuses %s: %s', (text, problem) => {
        expect(() => parseMessageSources(text)).toThrow(problem);
    });

    it('never quotes the text in a JSON error, since it may hold a password', () => {
        expect(() => parseMessageSources('[{"password": "hunter2-secret" x')).toThrow(/^it is not valid JSON( \(near character \d+\))?$/);
    });
});

describe('message tags', () => {
    const tags = parseMessageTags('{"FIRE": "Fire brigade", "FIREWORKS": "Events", "HEALTH": "Health office"}');

    it('match a whole first word whatever its case, the longest first, and lose it and its separator when removed', () => {
        expect(matchTag('fire: smoke on 5th street', tags, true)).toEqual({ tag: tags[0], text: 'smoke on 5th street' });
        expect(matchTag('  Fireworks tonight?', tags, true)).toEqual({ tag: tags[1], text: 'tonight?' });
        expect(matchTag('FIRE near the school', tags, false)).toEqual({ tag: tags[0], text: 'FIRE near the school' });
    });

    it('do not match inside a word or later in the text, and keep a message that is only the tag', () => {
        expect(matchTag('Firefly lights', tags, true)).toBeUndefined();
        expect(matchTag('There is a FIRE', tags, true)).toBeUndefined();
        expect(matchTag('HEALTH', tags, true)).toEqual({ tag: tags[2], text: 'HEALTH' });
    });

    it('need a department and one word each', () => {
        expect(() => parseMessageTags('{"FIRE": ""}')).toThrow('the tag "FIRE" needs the name or id of a department');
        expect(() => parseMessageTags('{"ON FIRE": "x"}')).toThrow('must be one word');
        expect(() => parseMessageTags('["FIRE"]')).toThrow('it must be a JSON object from keyword to department');
    });
});

describe('an incoming message body', () => {
    const fields = { source_id: '1', external_id: 'e-1', from_address: '+63 917 123 4567', message: 'Hello' };
    const expected = { message: { sourceId: '1', externalId: 'e-1', from: '+639171234567', text: 'Hello' } };

    it('is read from nested objects, flat bracketed keys, form text, JSON text and plain keys', () => {
        const flat = Object.fromEntries(Object.entries(fields).map(([name, value]) => [`data[Message][${name}]`, value]));
        expect(readIncomingMessage({ data: { Message: fields } })).toEqual(expected);
        expect(readIncomingMessage(flat)).toEqual(expected);
        expect(readIncomingMessage(new URLSearchParams(flat).toString())).toEqual(expected);
        expect(readIncomingMessage(JSON.stringify({ data: { Message: fields } }))).toEqual(expected);
        expect(readIncomingMessage(fields)).toEqual(expected);
    });

    it('reports every problem, and a repeated form field as one', () => {
        expect(readIncomingMessage('data[Message][from_address]=1&data[Message][from_address]=2&data[Message][message]=' + 'x'.repeat(5001))).toEqual({
            errors: ['from_address: must be a single text value', 'message: must be at most 5000 characters'],
        });
        expect(readIncomingMessage({ data: { Message: { source_id: 'x' } } })).toEqual({
            sourceId: 'x',
            errors: ["from_address: the sender's phone number is required", 'message: the message text is required'],
        });
    });

    it('that is neither a form nor JSON is no body', () => {
        expect(formOrJsonBody('<xml/>')).toBeUndefined();
        expect(formOrJsonBody('{"broken"')).toBeUndefined();
        expect(formOrJsonBody('a=%E0%A4%A')).toBeUndefined();
        expect(formOrJsonBody(42)).toBeUndefined();
        expect(formOrJsonBody('a=1+2&b=%26')).toEqual({ a: '1 2', b: '&' });
    });
});
