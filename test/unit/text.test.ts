import { cells, fill } from '../../src/text';

describe('fill', () => {
  it('replaces every known placeholder, as often as it appears', () => {
    expect(fill('{a} and {b}, {a} again', { a: 'x', b: 2 })).toBe('x and 2, x again');
  });

  it('leaves unknown placeholders visible', () => {
    expect(fill('{a} {missing}', { a: 1 })).toBe('1 {missing}');
  });

  it('leaves every placeholder visible when no parameter is given', () => {
    expect(fill('{a}: {b}', {})).toBe('{a}: {b}');
  });

  it('does not re-read placeholders inside the values it fills in', () => {
    expect(fill('{a}', { a: '{b}', b: 'x' })).toBe('{b}');
  });
});

describe('cells', () => {
  it('splits a row into its cells, keeping empty ones in place', () => {
    expect(cells('a|b')).toEqual(['a', 'b']);
    expect(cells('|b|')).toEqual(['', 'b', '']);
  });
});
