import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../config/config.js';
import { chooseLogFormat, createLogger, logDestination } from '../../config/logger.js';

const capture = () => {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join('') };
};

describe('log format selection', () => {
  it('is readable at a terminal outside production, JSON everywhere else, unless forced', () => {
    expect(chooseLogFormat('auto', { production: false, isTTY: true })).toBe('pretty');
    expect(chooseLogFormat('auto', { production: false, isTTY: false })).toBe('json');
    expect(chooseLogFormat('auto', { production: true, isTTY: true })).toBe('json');
    expect(chooseLogFormat('auto', { production: true, isTTY: false })).toBe('json');
    expect(chooseLogFormat('json', { production: false, isTTY: true })).toBe('json');
    expect(chooseLogFormat('pretty', { production: true, isTTY: false })).toBe('pretty');
  });

  it('reads DOCFLOW_LOG_FORMAT (auto by default) and refuses anything else', () => {
    expect(readConfig({}).logFormat).toBe('auto');
    expect(readConfig({ DOCFLOW_LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(readConfig({ DOCFLOW_LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => readConfig({ DOCFLOW_LOG_FORMAT: 'yaml' })).toThrow(ConfigError);
    expect(() => readConfig({ DOCFLOW_LOG_FORMAT: 'yaml' })).toThrow(/DOCFLOW_LOG_FORMAT/);
  });

  it('writes JSON lines by default, one object per line', () => {
    expect(logDestination('json')).toBeUndefined();
    const out = capture();
    createLogger('info', 'docflow', out.stream).info({ runId: 'run_1' }, 'run started');
    const line = JSON.parse(out.text().trim());
    expect(line).toMatchObject({ level: 30, name: 'docflow', runId: 'run_1', msg: 'run started' });
  });

  it('redacts secret fields at the top of a log object too, in either format', () => {
    for (const format of ['json', 'pretty'] as const) {
      const out = capture();
      const logger = createLogger('info', 'docflow', logDestination(format, out.stream) ?? out.stream);
      logger.info({ authorization: 'Bearer top-s3cret', token: 'tok-s3cret', apiKey: 'dfk_s3cret' }, 'called');
      expect(out.text()).toContain('called');
      expect(out.text()).not.toMatch(/s3cret/);
    }
  });

  it('writes readable lines through pino-pretty, still redacting secrets', () => {
    const out = capture();
    const logger = createLogger('info', 'docflow', logDestination('pretty', out.stream));
    logger.info({ runId: 'run_1', headers: { authorization: 'Bearer s3cret-token' } }, 'run started');
    const text = out.text();
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO \(docflow\): run started/);
    expect(text).toContain('{"runId":"run_1","headers":{"authorization":"[redacted]"}}');
    expect(() => JSON.parse(text)).toThrow();
    expect(text).not.toContain('s3cret-token');
    expect(text).not.toContain(String.fromCharCode(27)); // no colours when not writing to a terminal
  });
});
