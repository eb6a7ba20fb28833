import fc from 'fast-check';
import { redactUrl } from '../../src/index';
import { FC_PARAMS, SECRET, SIGNED_URL } from './helpers';

describe('redactUrl', () => {
  it('hides the txSecret of a push URL and keeps the rest', () => {
    expect(redactUrl(SIGNED_URL)).toBe('rtmp://push.example.com/live/stream1?txSecret=***&txTime=65A1B2C3');
  });

  it('hides a txSecret that ends the URL', () => {
    expect(redactUrl(`rtmp://h/live/s?txTime=65A1B2C3&txSecret=${SECRET}`)).toBe('rtmp://h/live/s?txTime=65A1B2C3&txSecret=***');
  });

  it('hides txSecret whatever its case', () => {
    expect(redactUrl(`rtmp://h/live/s?TXSECRET=${SECRET}`)).not.toContain(SECRET);
    expect(redactUrl(`rtmp://h/live/s?txsecret=${SECRET}`)).not.toContain(SECRET);
  });

  it('hides every signature in a longer text, stopping at spaces and quotes', () => {
    const text = `push ${SIGNED_URL} then play "https://play.example.com/live/s.flv?txSecret=${SECRET}" done`;
    const out = redactUrl(text);
    expect(out).not.toContain(SECRET);
    expect(out.match(/txSecret=\*\*\*/g)).toHaveLength(2);
    expect(out).toContain(' then play "');
    expect(out.endsWith('" done')).toBe(true);
  });

  it('leaves a URL without a signature alone', () => {
    expect(redactUrl('rtmp://h/live/s?txTime=65A1B2C3')).toBe('rtmp://h/live/s?txTime=65A1B2C3');
    expect(redactUrl('')).toBe('');
  });

  it.each([[null], [undefined], [42]])('answers a string for the non-string %p', (value) => {
    expect(redactUrl(value as unknown as string)).toBe(String(value));
  });

  it('is the identity on any text without "txsecret="', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((s) => !/txsecret=/i.test(s)),
        (text) => redactUrl(text) === text,
      ),
      FC_PARAMS,
    );
  });

  it('leaves "***" and nothing else after every txSecret=, and is idempotent', () => {
    const secret = fc.stringMatching(/^[0-9a-f]{1,40}$/);
    const text = fc.array(
      fc.oneof(
        fc.string(),
        secret.map((s) => `txSecret=${s}`),
        fc.constant('&'),
        fc.constant(' '),
      ),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(text, (parts) => {
        const out = redactUrl(parts.join(''));
        expect(out).not.toMatch(/txSecret=(?!\*\*\*(?:$|[&\s"'\\]))/i);
        expect(redactUrl(out)).toBe(out);
      }),
      FC_PARAMS,
    );
  });
});
