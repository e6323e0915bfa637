import { Writable } from 'node:stream';
import { pino } from 'pino';
import { pinoParams, requestIdOf, scrubSensitive } from './logging.js';

describe('log redaction', () => {
  const logged = (write: (logger: ReturnType<typeof pino>) => void): string => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const [options] = pinoParams('info').pinoHttp as [object];
    write(pino(options, sink));
    return lines.join('');
  };

  it('never writes credentials or personal text, at any depth', () => {
    const line = logged((logger) =>
      logger.info({
        password: 'hunter2',
        body: { refreshToken: 'rt-secret', journal: { content: 'I feel awful today' } },
        rant: { text: 'my manager is the worst' },
        deep: { a: { b: { c: { notes: 'therapy on tuesday' } } } },
        list: [{ answers: ['sleep badly'] }],
        moodScore: 7,
      }),
    );
    expect(line).not.toMatch(/hunter2|rt-secret|awful|worst|tuesday|sleep badly/);
    expect(line).toContain('"moodScore":7');
    expect(line).toContain('"content":"[redacted]"');
  });

  it('scrubs errors, keeping what an operator needs', () => {
    const line = logged((logger) =>
      logger.error(
        {
          job: { name: 'mood', payload: { token: 'abc.def' } },
          err: Object.assign(new Error('insert failed'), { secret: 's3cr3t', code: 'P2002' }),
        },
        'write failed',
      ),
    );
    expect(line).not.toMatch(/abc\.def|s3cr3t/);
    expect(line).toMatch(/"message":"insert failed"/);
    expect(line).toMatch(/"stack":"Error: insert failed/);
    expect(line).toMatch(/"code":"P2002"/);
    expect(line).toMatch(/"name":"mood"/);
  });

  it('scrubs class instances such as DTOs, and leaves streams to their serializers', () => {
    class JournalInput {
      constructor(
        readonly content: string,
        readonly moodScore: number,
      ) {}
    }
    const line = logged((logger) =>
      logger.warn({ input: new JournalInput('I cried at work today', 3) }, 'refused'),
    );
    expect(line).not.toContain('cried');
    expect(line).toContain('"moodScore":3');
    const stream = new Writable();
    expect(scrubSensitive({ res: stream })).toEqual({ res: stream });
  });

  it('returns what holds nothing sensitive as it is, without copying', () => {
    const clean = { req: { id: 'a', method: 'GET' }, list: [1, 2, { ok: true }] };
    expect(scrubSensitive(clean)).toBe(clean);
    const dirty = { keep: 1, inner: { password: 'x' } };
    expect(scrubSensitive(dirty)).toEqual({ keep: 1, inner: { password: '[redacted]' } });
    expect(dirty.inner.password).toBe('x');
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
