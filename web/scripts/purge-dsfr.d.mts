export function spacingClassesIn(dirs: readonly string[]): Set<string>;
export function purgeDsfrCss(css: string, used: ReadonlySet<string>): string;
