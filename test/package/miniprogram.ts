/**
 * The mini-program runtime's module rules, so the package tests can check what DevTools and a
 * phone would load: relative `require` by file, bare names through the nearest
 * `miniprogram_npm/` from the requiring file's folder up to the mini-program root, where a
 * package is `<name>.js` or `<name>/index.js` (a packed mini-program package has no
 * package.json, so there is no `main` to read).
 */
import fs from 'fs';
import path from 'path';
import vm from 'vm';

const isFile = (file: string) => fs.existsSync(file) && fs.statSync(file).isFile();
const inside = (root: string, file: string) => !path.relative(root, file).startsWith('..');

/** Folders from `dir` up to `root`, nearest first. */
function upTo(root: string, dir: string): string[] {
  const dirs: string[] = [];
  for (let d = dir; inside(root, d); d = path.dirname(d)) {
    dirs.push(d);
    if (d === root) break;
  }
  return dirs;
}

/**
 * The file `require(spec)` loads from `fromFile`, or `null` when the runtime would fail;
 * `exists` tells which files there are (the disk, or compiled sources too).
 */
export function resolveRequire(root: string, fromFile: string, spec: string, exists: (file: string) => boolean = isFile): string | null {
  const dir = path.dirname(fromFile);
  const bases = /^\.\.?\//.test(spec) ? [path.join(dir, spec)] : upTo(root, dir).map((d) => path.join(d, 'miniprogram_npm', spec));
  for (const base of bases) {
    const found = [base, base + '.js', path.join(base, 'index.js')].find((file) => file.endsWith('.js') && exists(file));
    if (found) return inside(root, found) ? found : null;
  }
  return null;
}

/** The component a page's `usingComponents` entry names (path without extension), or `null`. */
export function resolveComponent(root: string, pageDir: string, spec: string): string | null {
  const bases = /^\.\.?\//.test(spec)
    ? [path.join(pageDir, spec)]
    : spec.startsWith('/')
      ? [path.join(root, spec)]
      : upTo(root, pageDir).map((d) => path.join(d, 'miniprogram_npm', spec));
  for (const base of bases) {
    for (const candidate of [base, path.join(base, 'index')]) {
      if (['.json', '.js', '.wxml'].every((ext) => isFile(candidate + ext))) return candidate;
    }
  }
  return null;
}

/** The literal specifiers a CommonJS file requires. */
export function requiresOf(code: string): string[] {
  return Array.from(code.matchAll(/\brequire\(\s*(["'])([^"']+)\1\s*\)/g), (m) => m[2]);
}

/**
 * Runs `file` as the runtime would: one module instance per file, `require` by the rules
 * above, and the given framework globals (`Component`, `Page`, …) in scope. `sources` holds
 * code by path for files not on disk as such (TypeScript compiled to `.js`).
 */
export function createRuntime(root: string, globals: Record<string, unknown>, sources: Record<string, string> = {}) {
  const cache = new Map<string, { exports: unknown }>();
  const names = Object.keys(globals);
  function load(file: string): unknown {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    cache.set(file, module);
    const code = sources[file] ?? fs.readFileSync(file, 'utf8');
    const wrapper = vm.runInThisContext(`(function (require, module, exports, ${names.join(', ')}) {\n${code}\n})`, { filename: file });
    const require = (spec: string) => {
      const target = resolveRequire(root, file, spec, (f) => f in sources || isFile(f));
      if (!target) throw new Error(`${path.relative(root, file)}: require('${spec}') does not resolve inside ${root}`);
      return load(target);
    };
    wrapper(require, module, module.exports, ...names.map((n) => globals[n]));
    return module.exports;
  }
  return { load };
}

/** Every file under `dir`, relative with `/`, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out.sort();
}
