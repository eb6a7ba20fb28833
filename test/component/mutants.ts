/**
 * Planted bugs for the random sequences: each mutant is the real source of the controller's
 * parts (src/push-driver.ts, src/call-queue.ts, src/machine.ts, src/controller.ts) with one
 * textual change, compiled with TypeScript and put in place of `PusherController` for the
 * components created while it is installed. The component builds its controller through the
 * module's export (`new controller_1.PusherController`), so swapping the export swaps every new
 * instance. Not a test file.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const SRC = path.resolve(__dirname, '../../src');

/** One planted bug: in `file` (relative to src/, without `.ts`), each `find` must occur and becomes `replace`. */
export interface Mutation {
  readonly name: string;
  readonly edits: readonly { readonly file: string; readonly find: string; readonly replace: string }[];
}

/** The bugs a review planted and others a careless change could make; each must be caught. */
export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'restart() without its generation guard',
    edits: [
      { file: 'push-driver', find: 'if (gen !== this._gen || !(cause === ', replace: 'if (!(cause === ' },
      {
        file: 'push-driver',
        find: "if (gen !== this._gen || hidden()) return false;\n          if (cause === 'show')",
        replace: "if (hidden()) return false;\n          if (cause === 'show')",
      },
      {
        file: 'push-driver',
        find: "if (gen === this._gen && this.status !== 'failed' && error.code",
        replace: "if (this.status !== 'failed' && error.code",
      },
    ],
  },
  {
    name: 'no stop after a start timeout',
    edits: [
      {
        file: 'push-driver',
        find: "this._q.run$('stop', () => ((this._cleaning = false), this._q.call$('stop'))).catch(() => undefined);",
        replace: '',
      },
    ],
  },
  {
    name: 'no call queue: native calls may overlap',
    edits: [{ file: 'call-queue', find: 'const run = this._tail.then(() => {', replace: 'const run = Promise.resolve().then(() => {' }],
  },
  {
    name: 'the status moves after detach',
    edits: [
      {
        file: 'machine',
        find: 'if (!next || next === this.status || this.dead$) return null;',
        replace: 'if (!next || next === this.status) return null;',
      },
    ],
  },
  {
    name: 'a stop() aborts the starts made after it',
    edits: [{ file: 'push-driver', find: "(next === 'stopped' && input !== 'stop')", replace: "next === 'stopped'" }],
  },
  {
    name: 'library restarts from a hidden page',
    edits: [
      {
        file: 'push-driver',
        find: 'const hidden = () => !this.visible && !!(this._deferred = [cause, gen]);',
        replace: 'const hidden = () => false;',
      },
    ],
  },
  {
    name: 'a start() settled before it went out still reaches the device',
    edits: [
      {
        file: 'controller',
        find: 'if (gen !== this._gen || pending !== this._pending || denied)',
        replace: 'if (gen !== this._gen || denied)',
      },
      {
        file: 'controller',
        find: 'if (gen !== this._gen || pending !== this._pending) return false;',
        replace: 'if (gen !== this._gen) return false;',
      },
    ],
  },
  {
    name: "policies push again after the page's stop() (a refused one, or a loss reported after it)",
    edits: [
      {
        file: 'push-driver',
        find: "input === 'lost' && !this._halted && this._reconnect.lost$(",
        replace: "input === 'lost' && this._reconnect.lost$(",
      },
      { file: 'push-driver', find: 'if (this._halted || hidden()) return;', replace: 'if (hidden()) return;' },
    ],
  },
];

type Exports = Record<string, unknown>;

/** Relative modules `file` imports at run time (type-only imports are erased), as paths relative to src/. */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(path.join(SRC, file + '.ts'), 'utf8');
  const found: string[] = [];
  for (const m of source.matchAll(/^import (?!type )[^;]*? from '(\.[^']+)';/gm)) {
    found.push(
      path
        .relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), m[1]))
        .split(path.sep)
        .join('/'),
    );
  }
  return found;
}

/** `file` is mutated, or imports (through any chain) a mutated file: it must be compiled again. */
function affected(file: string, mutation: Mutation, seen = new Set<string>()): boolean {
  if (mutation.edits.some((e) => e.file === file)) return true;
  if (seen.has(file) || !fs.existsSync(path.join(SRC, file + '.ts'))) return false;
  seen.add(file);
  return importsOf(file).some((target) => affected(target, mutation, seen));
}

/** Compiles `file` with the edits of `mutation` that apply to it; its relative imports resolve to mutated files first. */
function load(file: string, mutation: Mutation, loaded: Map<string, Exports>): Exports {
  const cached = loaded.get(file);
  if (cached) return cached;
  let source = fs.readFileSync(path.join(SRC, file + '.ts'), 'utf8');
  for (const edit of mutation.edits.filter((e) => e.file === file)) {
    if (source.indexOf(edit.find) < 0)
      throw new Error(`mutation "${mutation.name}": ${file}.ts no longer holds ${JSON.stringify(edit.find)}`);
    source = source.split(edit.find).join(edit.replace);
  }
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2019, esModuleInterop: true },
  }).outputText;
  const module = { exports: {} as Exports };
  loaded.set(file, module.exports);
  const requireFrom = (request: string) => {
    if (!request.startsWith('.')) return require(request);
    const target = path
      .relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), request))
      .split(path.sep)
      .join('/');
    // Only mutated files, and those that import them, are compiled again: every other module is the one the component uses.
    return affected(target, mutation) ? load(target, mutation, loaded) : require(path.join(SRC, target));
  };
  new Function('require', 'module', 'exports', js)(requireFrom, module, module.exports);
  return module.exports;
}

/** Puts the mutant's `PusherController` in place; the returned function puts the real one back. */
export function install(mutation: Mutation): () => void {
  const real = require(path.join(SRC, 'controller')) as Exports;
  const original = real.PusherController;
  const mutant = load('controller', mutation, new Map());
  real.PusherController = mutant.PusherController;
  return () => void (real.PusherController = original);
}
