import * as fs from 'fs';
import * as path from 'path';

/** What one reliability check counted on one engine. */
export interface Figures {
    check: string;
    engine: string;
    /** Requests or messages sent at the app. */
    tried: number;
    /** Of those, how many the app refused (4xx): expected for bad input, 0 for good. */
    refused: number;
    lost: number;
    duplicated: number;
    /** Anything else worth reading beside the counts. */
    detail?: string;
}

const artifacts = path.resolve(__dirname, '..', '..', 'artifacts', 'reliability');

/**
 * Prints the figures as a table at the end of a suite and keeps them under artifacts/ (git-ignored), so a CI
 * run shows what was tried, refused, lost and duplicated, not only that the assertions held.
 */
export function reportFigures(suite: string, rows: Array<Figures>): void {
    if (rows.length === 0) {
        return;
    }
    const lines = [
        `Reliability figures: ${suite}`,
        '| check | engine | tried | refused | lost | duplicated | detail |',
        '|---|---|---:|---:|---:|---:|---|',
        ...rows.map((row) => `| ${row.check} | ${row.engine} | ${row.tried} | ${row.refused} | ${row.lost} | ${row.duplicated} | ${row.detail ?? ''} |`),
    ];
    console.log(lines.join('\n'));
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(path.join(artifacts, `${suite}.md`), `${lines.join('\n')}\n`);
}

/** How many items occur more than once (a duplicate delivery), and which of the expected never occur (a loss). */
export function countDeliveries(expected: Array<string>, delivered: Array<string>): { lost: number; duplicated: number } {
    const seen = new Map<string, number>();
    delivered.forEach((item) => seen.set(item, (seen.get(item) || 0) + 1));
    return {
        lost: expected.filter((item) => !seen.has(item)).length,
        duplicated: [...seen.values()].reduce((sum, count) => sum + count - 1, 0),
    };
}
