/** The value below which `fraction` of the samples lie (nearest rank). */
export function percentile(samples: Array<number>, fraction: number): number {
    if (samples.length === 0) {
        return NaN;
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

export const median = (samples: Array<number>): number => percentile(samples, 0.5);

/** What one operation measured in one round. */
export interface RoundFigures {
    p50: number;
    p99: number;
    perSecond: number;
    bridgeCallsPerRequest: number;
    runtimeCallsPerRequest: number;
}

/** The median of each figure over the rounds: one slow round (a GC, the other core busy) does not move it. */
export function medianOfRounds(rounds: Array<RoundFigures>): RoundFigures {
    return {
        p50: median(rounds.map((round) => round.p50)),
        p99: median(rounds.map((round) => round.p99)),
        perSecond: median(rounds.map((round) => round.perSecond)),
        bridgeCallsPerRequest: median(rounds.map((round) => round.bridgeCallsPerRequest)),
        runtimeCallsPerRequest: median(rounds.map((round) => round.runtimeCallsPerRequest)),
    };
}

/** A small deterministic generator, so every run picks the same tickets in the same order. */
export function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state / 2 ** 32;
    };
}
