const SUMMARY_LENGTH = 80;

/** The start of an outgoing SMS (its text and file links), for the notes that show its delivery state. */
export function summarize(text: string, urls: Array<string> = []): string {
    const whole = [text, ...urls].filter(Boolean).join(' ');
    return whole.length > SUMMARY_LENGTH ? `${whole.slice(0, SUMMARY_LENGTH - 1)}…` : whole;
}
