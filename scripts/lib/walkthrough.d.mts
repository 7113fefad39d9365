export class NotBuiltYet extends Error {}
export function runWalkthrough(options?: { log?: (line: string) => void; screenshotDir?: string; downloadDir?: string }): Promise<boolean>;
