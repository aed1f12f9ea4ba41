import { ApiAnswer } from '../harness/tickets-host';

/** The contract's error form: the status, and `{"error": "<human readable reason>"}` containing the words expected. */
export function expectError(answer: ApiAnswer, status: number, reason: string | RegExp): void {
    expect({ status: answer.status, content: answer.content }).toEqual({ status, content: { error: expect.any(String) } });
    if (typeof reason === 'string') {
        expect(answer.content.error).toContain(reason);
    } else {
        expect(answer.content.error).toMatch(reason);
    }
}
