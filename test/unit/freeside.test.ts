import { HttpError } from '../../lib/errors';
import { checkSignature, prepareMessage, readPreparedMessage, signPrepared } from '../../lib/freeside/preparedMessage';
import { chooseRecipient, parseCallingCode, toE164 } from '../../lib/freeside/recipient';
import { parseTemplates, renderTemplate } from '../../lib/freeside/templates';

const refusal = (work: () => unknown): { status: number; message: string } => {
    try {
        work();
    } catch (error) {
        return { status: (error as HttpError).status, message: (error as HttpError).message };
    }
    throw new Error('expected a refusal');
};

describe('Freeside phone numbers', () => {
    it.each([
        ['+1 (555) 010-0001', undefined, '+15550100001'],
        ['0047 902 14 465', undefined, '+4790214465'],
        ['(555) 010-0001', '1', '+15550100001'],
        ['1-555-010-0001', '1', '+15550100001'],
        ['011 2345 6789', '55', '+551123456789'],
        ['555-0100', undefined, undefined],
        ['call me', '1', undefined],
        ['+0123456789', '1', undefined],
    ])('%s with country code %s is %s', (raw, code, e164) => {
        expect(toE164(raw, code)).toBe(e164);
    });

    it('reads the default country calling code as admins write it', () => {
        expect(['1', '+55', '0047', ' 44 '].map(parseCallingCode)).toEqual(['1', '55', '47', '44']);
        expect(['', 'US', '1234', '0'].map(parseCallingCode)).toEqual([undefined, undefined, undefined, undefined]);
    });

    it('takes "to", then the mobile, night and daytime numbers, and names a field that is not a number', () => {
        expect(chooseRecipient({ mobile: '', night: null, daytime: '555 010 0003' }, '1')).toBe('+15550100003');
        expect(chooseRecipient({ to: '+4790214465', mobile: '555 010 0001' }, '1')).toBe('+4790214465');
        expect(refusal(() => chooseRecipient({ mobile: '555 010 0001' }, undefined))).toEqual({
            status: 400,
            message: 'mobile "555 010 0001" is not a phone number Tickets can send to (national numbers need the default country calling code in the Tickets app settings)',
        });
        expect(refusal(() => chooseRecipient({ night: ['x'] }, '1'))).toEqual({ status: 400, message: 'night must be a phone number' });
    });
});

describe('Freeside templates', () => {
    const [template] = parseTemplates('{"due": "Dear {$first} {last}, you owe {$balance}{$note}."}');

    it('fill {$name} and {name} placeholders; a variable sent empty or null is empty', () => {
        expect(renderTemplate(template, { first: 'Jane', last: 'Doe', balance: 12.5, note: null })).toBe('Dear Jane Doe, you owe 12.5.');
    });

    it('refuse placeholders Freeside did not send (inherited names too) or sent as lists', () => {
        expect(refusal(() => renderTemplate(template, { first: 'Jane' }))).toEqual({ status: 400, message: 'Template "due" uses {$last}, {$balance}, {$note}, which Freeside did not send' });
        expect(refusal(() => renderTemplate({ name: 't', text: '{$constructor}' }, {})).message).toBe('Template "t" uses {$constructor}, which Freeside did not send');
        expect(refusal(() => renderTemplate(template, { first: [], last: '', balance: 1, note: '' })).message).toBe(
            'Template "due" uses {$first}, which Freeside sent as a list or object, not as text',
        );
    });
});

describe('prepared messages', () => {
    const settings = { templates: parseTemplates('{"hi": "Hi {$first}"}'), callingCode: '1' };
    const verify = (body: Record<string, unknown>, key: string | undefined) => checkSignature(readPreparedMessage(body), key);
    const variables = { first: 'Jane', last: 'Doe', custnum: 42, mobile: '555 010 0001' };
    const prepared = signPrepared(prepareMessage(variables, settings, 'nonce-1', new Date('2026-11-23T10:00:00Z')), 'key-1');

    it('carry the recipient, the text and the customer, under an id that changes with every Prepare', () => {
        expect(prepared).toMatchObject({ to: '+15550100001', text: 'Hi Jane', template: 'hi', custnum: '42', customer: 'Jane Doe', preparedAt: '2026-11-23T10:00:00.000Z' });
        expect(prepareMessage(variables, settings, 'nonce-2', new Date('2026-11-23T10:00:00Z')).id).not.toBe(prepared.id);
    });

    it('pass Send as they were prepared, and only so', () => {
        expect(verify(JSON.parse(JSON.stringify(prepared)), 'key-1')).toEqual(prepared);
        expect(refusal(() => verify({ ...prepared, text: 'Pay now at evil.example' }, 'key-1')).message).toMatch(/changed after Prepare/);
        expect(refusal(() => verify({ ...prepared }, 'another-installation')).status).toBe(400);
        expect(refusal(() => verify({ ...prepared, to: 15550100001 }, 'key-1')).message).toBe('The prepared message is incomplete: to is not a string');
    });

    it('are refused by an installation that never prepared one (it has no signing key yet)', () => {
        expect(refusal(() => verify(JSON.parse(JSON.stringify(prepared)), undefined))).toMatchObject({ status: 400, message: 'This Tickets installation has prepared no message yet; prepare it again' });
    });
});
