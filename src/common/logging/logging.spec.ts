import { Writable } from 'node:stream';
import { pino } from 'pino';
import { redactPaths, requestIdOf } from './logging.js';

describe('log redaction', () => {
  it('never writes credentials or personal text, at any depth', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ redact: { paths: redactPaths(), censor: '[redacted]' } }, sink);
    logger.info({
      password: 'hunter2',
      body: { refreshToken: 'rt-secret', journal: { content: 'I feel awful today' } },
      rant: { text: 'my manager is the worst' },
      moodScore: 7,
    });
    const line = lines.join('');
    expect(line).not.toMatch(/hunter2|rt-secret|awful|worst/);
    expect(line).toContain('"moodScore":7');
  });
});

describe('requestIdOf', () => {
  it('keeps a sane client id and replaces anything else', () => {
    const of = (value?: string) => requestIdOf({ headers: { 'x-request-id': value } } as never);
    expect(of('abc-123')).toBe('abc-123');
    expect(of('has space')).toMatch(/^[0-9a-f-]{36}$/);
    expect(of('x'.repeat(65))).toMatch(/^[0-9a-f-]{36}$/);
    expect(of(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
