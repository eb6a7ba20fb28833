/**
 * The Node side's structure: no file over 450 lines and no import circle in src/cli and
 * src/server (type-only imports count: a circle of types is a word in the wrong module).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

const ROOT = resolve(__dirname, '../..');
const DIRS = ['src/cli', 'src/server'].map((dir) => join(ROOT, dir));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(ts|js|css|html)$/.test(name) ? [path] : [];
  });
}

/** Relative imports of a TypeScript file (`import … from`, `export … from`, `import type`), resolved to files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+['"](\.[^'"]+)['"]/g)) {
    const base = resolve(dirname(file), match[1]);
    const target = [base + '.ts', join(base, 'index.ts')].find((candidate) => existsSync(candidate));
    if (target) found.push(target);
  }
  return found;
}

/** One import circle among `files`, as a list of paths, or undefined. */
function circleIn(files: readonly string[], edges: (file: string) => string[] = importsOf): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === 'done') return undefined;
    if (state.get(file) === 'open') return stack.slice(stack.indexOf(file)).concat(file);
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges(file)) {
      const circle = visit(next);
      if (circle) return circle;
    }
    stack.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of files) {
    const circle = visit(file);
    if (circle) return circle;
  }
  return undefined;
}

const sources = DIRS.flatMap(filesUnder);

it('keeps every file of src/cli and src/server at 450 lines or fewer', () => {
  const long = sources
    .map((file) => [relative(ROOT, file), readFileSync(file, 'utf8').split('\n').length - 1] as const)
    .filter(([, lines]) => lines > 450);
  expect(long).toEqual([]);
});

it('has no import circle in src/cli and src/server, type-only imports included', () => {
  const circle = circleIn(sources.filter((file) => file.endsWith('.ts')));
  expect(circle && circle.map((file) => relative(ROOT, file))).toBeUndefined();
});

it('reads type-only imports and finds a circle through them (the checker itself)', () => {
  // context.ts imports `type ExitCode` from help.ts: a type-only import is an edge.
  expect(importsOf(join(ROOT, 'src/cli/context.ts'))).toContain(join(ROOT, 'src/cli/help.ts'));
  const graph: { [file: string]: string[] } = { a: ['b'], b: ['c'], c: ['a'], d: [] };
  expect(circleIn(['d', 'a'], (file) => graph[file])).toEqual(['a', 'b', 'c', 'a']);
  expect(circleIn(['d'], (file) => graph[file])).toBeUndefined();
});
