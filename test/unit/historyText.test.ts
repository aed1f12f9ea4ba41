import { ContactMessage } from '../../lib/rapidpro/ContactMessagesClient';
import { historyNotes } from '../../lib/tickets/historyText';

const message = (direction: 'in' | 'out', text: string, createdOn: string, status = 'handled'): ContactMessage => ({ direction, text, attachments: [], createdOn, status });

describe('historyNotes', () => {
    it('has nothing to say about an empty conversation', () => {
        expect(historyNotes([], '2020-07-17T10:28:00Z', 'en')).toEqual([]);
        expect(historyNotes([message('out', 'x', '2020-07-17T10:29:00Z', 'errored')], '2020-07-17T10:28:00Z', 'en')).toEqual([]);
    });

    it('speaks the agents language', () => {
        expect(historyNotes([message('in', 'Olá', '2020-07-17T10:29:00Z')], '2020-07-17T10:28:00Z', 'pt-BR')).toEqual([
            'Conversa com o RapidPro antes do encaminhamento (desde 2020-07-17 10:28 UTC):\n2020-07-17 10:29 UTC Contato: Olá',
        ]);
    });

    it('splits a long conversation into notes of at most 4 000 characters, keeping every line', () => {
        const messages = Array.from({ length: 100 }, (_, index) => message('in', `${index} ${'x'.repeat(100)}`, `2020-07-17T10:${String(index % 60).padStart(2, '0')}:00Z`));
        const notes = historyNotes(messages, '2020-07-17T10:00:00Z', 'en');
        expect(notes.length).toBeGreaterThan(2);
        expect(notes.every((note) => note.length <= 4000)).toBe(true);
        expect(notes.join('\n').split('\n').filter((line) => line.includes('Contact:'))).toHaveLength(100);
    });
});
