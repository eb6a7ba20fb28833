/**
 * Planted bugs for the random sequences: each mutant is the real source of a controller's parts
 * (the shared src/driver.ts, src/live-controller.ts, src/call-queue.ts, src/machine.ts and
 * src/policies/*, or a tag's own files) with one textual change, compiled with TypeScript and put
 * in place of the tag's controller class (`PusherController`, `PlayerController`) for the
 * components created while it is installed. A component builds its controller through the
 * module's export (`new controller_1.PusherController`), so swapping the export swaps every new
 * instance. Every file that imports a mutated one, through any chain, is compiled again. Not a
 * test file.
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

/** In the shared driver: a policy's restart goes out although the page stopped or played meanwhile. */
const RESTART_WITHOUT_GENERATION: Mutation = {
  name: 'restart() without its generation guard',
  edits: [
    { file: 'driver', find: 'if (gen !== this._gen || !(cause === ', replace: 'if (!(cause === ' },
    {
      file: 'driver',
      find: "if (gen !== this._gen || hidden()) return false;\n          if (cause === 'show')",
      replace: "if (hidden()) return false;\n          if (cause === 'show')",
    },
    {
      file: 'driver',
      find: "if (gen === this._gen && this.status !== 'failed' && error.code",
      replace: "if (this.status !== 'failed' && error.code",
    },
  ],
};

/** In the shared driver: a policy's restart goes out from a hidden page. */
const RESTART_WHILE_HIDDEN: Mutation = {
  name: 'library restarts from a hidden page',
  edits: [
    {
      file: 'driver',
      find: 'const hidden = () => !this.visible && !this._background && !!(this._deferred = [cause, gen]);',
      replace: 'const hidden = () => false;',
    },
  ],
};

/** The bugs a review planted in `<ts-pusher>`'s lifecycle and others a careless change could make; each must be caught. */
export const MUTATIONS: readonly Mutation[] = [
  RESTART_WITHOUT_GENERATION,
  {
    name: 'no stop after a start timeout',
    edits: [
      {
        file: 'driver',
        find: "this._q.run$('stop', () => ((this._cleaning = false), this._q.call$('stop' as M))).catch(() => undefined);",
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
    edits: [{ file: 'driver', find: "(next === 'stopped' && input !== 'stop')", replace: "next === 'stopped'" }],
  },
  RESTART_WHILE_HIDDEN,
  {
    name: 'a start() settled before it went out still reaches the device',
    edits: [
      {
        file: 'live-controller',
        find: 'if (gen !== this._gen || pending !== this._pending || off) return;',
        replace: 'if (gen !== this._gen || off) return;',
      },
      {
        file: 'live-controller',
        find: 'if (gen !== this._gen || pending !== this._pending) return false;',
        replace: 'if (gen !== this._gen) return false;',
      },
    ],
  },
  {
    name: "policies push again after the page's stop() (a refused one, or a loss reported after it)",
    edits: [
      {
        file: 'driver',
        find: "input === 'lost' && !this._halted && this._reconnect.lost$(",
        replace: "input === 'lost' && this._reconnect.lost$(",
      },
      { file: 'driver', find: 'if (this._halted || hidden()) return;', replace: 'if (hidden()) return;' },
    ],
  },
];

/** Bugs planted in `<ts-player>`'s lifecycle: the shared driver and facade as the player uses them, its policies; each must be caught. */
export const PLAYER_MUTATIONS: readonly Mutation[] = [
  RESTART_WITHOUT_GENERATION,
  RESTART_WHILE_HIDDEN,
  {
    name: 'the stall watch is never disarmed (data, a status change or stop() leave it running)',
    edits: [
      {
        file: 'play/policies',
        find: 'const disarm = () => (timer && timers.clear$(timer), (timer = null));',
        replace: 'const disarm = () => null;',
      },
    ],
  },
  {
    name: 'the reconnect policy ignores the network: attempts are spent offline',
    edits: [
      { file: 'policies/reconnect', find: 'if (!online && timer) {', replace: 'if (!online && timer && online) {' },
      { file: 'policies/reconnect', find: 'if (!online) return void (waiting = true);', replace: '' },
      { file: 'policies/reconnect', find: 'if (!online) return (waiting = true);', replace: '' },
    ],
  },
  {
    name: 'stop() does not abort a pending play()',
    edits: [
      {
        file: 'live-controller',
        find: "const aborted = this._settle(pusherError('ABORTED', { method: this._w[2], by: 'stop()' }));",
        replace: 'const aborted = false;',
      },
    ],
  },
  {
    name: 'a play() without its start timeout (loading is not bounded)',
    edits: [{ file: 'live-controller', find: 'this._arm(timeout);', replace: '' }],
  },
];

type Exports = Record<string, unknown>;

/** Relative modules `file` imports or re-exports at run time (type-only ones are erased), as paths relative to src/. */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(path.join(SRC, file + '.ts'), 'utf8');
  const found: string[] = [];
  for (const m of source.matchAll(/^(?:import|export) (?!type )[^;]*? from '(\.[^']+)';/gm)) {
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

/** A tag's controller class: the module (relative to src/, without `.ts`) and the export the component constructs. */
export interface MutantTarget {
  readonly file: string;
  readonly name: string;
}

/** `<ts-pusher>`'s controller (components/pusher/definition.ts). */
export const PUSHER_TARGET: MutantTarget = { file: 'controller', name: 'PusherController' };
/** `<ts-player>`'s controller (components/player/definition.ts). */
export const PLAYER_TARGET: MutantTarget = { file: 'play/controller', name: 'PlayerController' };

/** Puts the mutant's controller class (by default `PusherController`) in place; the returned function puts the real one back. */
export function install(mutation: Mutation, target: MutantTarget = PUSHER_TARGET): () => void {
  const real = require(path.join(SRC, target.file)) as Exports;
  const original = real[target.name];
  const loaded = new Map<string, Exports>();
  const mutant = load(target.file, mutation, loaded);
  if (typeof mutant[target.name] !== 'function')
    throw new Error(`mutation "${mutation.name}": ${target.file}.ts exports no ${target.name}`);
  // An edit in a file the controller does not load would plant nothing.
  for (const edit of mutation.edits)
    if (!loaded.has(edit.file)) throw new Error(`mutation "${mutation.name}": ${target.file}.ts does not load ${edit.file}.ts`);
  real[target.name] = mutant[target.name];
  return () => void (real[target.name] = original);
}
