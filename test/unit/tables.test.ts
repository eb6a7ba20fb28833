/**
 * The bilingual tables that ship to phones are typed against the unions they serve: compiling
 * edited copies of their modules with the TypeScript compiler shows that a missing or extra row
 * (or a row that does not fit its code) fails the type check instead of failing at run time.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '../..');

/** `[what, module under src/, text to find, replacement]`; an empty find compiles the module as it is. */
const EDITS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['codes as they are', 'codes.ts', '', ''],
  ['a state code without its row', 'codes.ts', "  1003: 'E:OPEN_CAMERA_SUCC|d|Camera opened|摄像头已打开',\n", ''],
  ['a row for a code that has no name', 'codes.ts', "  1002: 'E:PUSH_BEGIN", "  1009: 'E:PUSH_BEGIN|c|x|x',\n  1002: 'E:PUSH_BEGIN"],
  ['a row named unlike its code', 'codes.ts', "1102: 'W:RECONNECT|", "1102: 'W:RECONNECTING|"],
  ['an event row under a warning code', 'codes.ts', "1102: 'W:RECONNECT|", "1102: 'E:RECONNECT|"],
  ['a warning without advice', 'codes.ts', '|上行网速不足|n', '|上行网速不足'],
  ['an unknown advice key', 'codes.ts', '|上行网速不足|n', '|上行网速不足|q'],
  ['an unknown category letter', 'codes.ts', "1101: 'W:NET_BUSY|n|", "1101: 'W:NET_BUSY|z|"],
  ['library errors as they are', 'errors.ts', '', ''],
  [
    'a library error code without its row',
    'errors.ts',
    "  ABORTED: 'usage|{method}: cancelled by {by}|{method}：被 {by} 取消|None|无需处理',\n",
    '',
  ],
  ['a library error row with an unknown category', 'errors.ts', "ABORTED: 'usage|", "ABORTED: 'misuse|"],
  ['a library error row without its Chinese advice', 'errors.ts', '|None|无需处理', '|None'],
  ['attribute problems as they are', 'attributes.ts', '', ''],
  ['player codes as they are', 'play/codes.ts', '', ''],
  ['a player code without its row', 'play/codes.ts', "  2004: 'E:PLAY_BEGIN|l|Playback started|开始播放',\n", ''],
  [
    'a player row for a code that has no name',
    'play/codes.ts',
    "  2005: 'E:PLAY_PROGRESS",
    "  2010: 'E:PLAY_PROGRESS|l|x|x',\n  2005: 'E:PLAY_PROGRESS",
  ],
  ['a player row named unlike its code', 'play/codes.ts', "2103: 'W:RECONNECT|", "2103: 'W:RECONNECTING|"],
  ['an event row under a player warning code', 'play/codes.ts', "2104: 'W:RECV_DATA_LAG|", "2104: 'E:RECV_DATA_LAG|"],
  ['a player warning without advice', 'play/codes.ts', '|拉流数据不稳定|n', '|拉流数据不稳定'],
  ['an unknown player advice key', 'play/codes.ts', '|拉流数据不稳定|n', '|拉流数据不稳定|q'],
  ['an unknown player category', 'play/codes.ts', "2104: 'W:RECV_DATA_LAG|n|", "2104: 'W:RECV_DATA_LAG|z|"],
  [
    'a player code name without a row',
    'play/codes.ts',
    "  2001: 'PLAY_EVT_CONNECT_SUCC';",
    "  2001: 'PLAY_EVT_CONNECT_SUCC';\n  2010: 'PLAY_EVT_GET_PLAYINFO_SUCC';",
  ],
  [
    'an attribute problem code without its texts',
    'attributes.ts',
    "  DEPRECATED: '{attr} deprecated|{attr} 已废弃|Use: {allowed}|可用：{allowed}',\n",
    '',
  ],
];

let errors: Map<string, readonly string[]>;

beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-pusher-tables-'));
  try {
    const files = EDITS.map(([, module, find, replace], i) => {
      const src = path.join(dir, String(i), 'src');
      fs.cpSync(path.join(ROOT, 'src'), src, { recursive: true });
      const file = path.join(src, module);
      const source = fs.readFileSync(file, 'utf8');
      if (find && !source.includes(find)) throw new Error(`edit ${i} does not apply to src/${module}: ${find}`);
      fs.writeFileSync(file, find ? source.replace(find, replace) : source);
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2017,
      lib: ['lib.es2017.d.ts'],
      types: [],
      skipLibCheck: true,
    });
    errors = new Map(
      EDITS.map(([what], i) => [
        what,
        ts.getPreEmitDiagnostics(program, program.getSourceFile(files[i])).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
      ]),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60000);

it.each(EDITS.filter(([, , find]) => !find).map(([what]) => [what]))('accepts %s', (what) => {
  expect(errors.get(what)).toEqual([]);
});

it.each(EDITS.filter(([, , find]) => find).map(([what]) => [what]))('refuses %s', (what) => {
  expect(errors.get(what)!.length).toBeGreaterThan(0);
});
