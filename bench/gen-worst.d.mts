/** The limits' judge: the first limit a text goes over, or `undefined` (src/parse/limits.ts). */
type OverLimit = (text: string) => string | undefined;

export const frontMatter: string;
export function worstWithinLimits(size: number, overLimit: OverLimit, columns?: number): string;
export function worstShapes(size: number, overLimit: OverLimit): Record<string, string>;
