import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('serves on localhost:4000 from an embedded DynamoDB under .data by default', () => {
    const config = loadConfig({});
    expect(config.server).toEqual({ host: 'localhost', port: 4000 });
    expect(config.storage.mode).toBe('embedded');
    expect(config.storage.dataDir.endsWith('.data')).toBe(true);
    expect(config.storage.tablePrefix).toBe('recgate-');
    expect(config.demoData).toEqual({ loadWhenEmpty: true, seed: 42 });
  });

  it('names the variable when a value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(new ConfigError('PORT', 'must be a whole number, got "eighty"'));
    expect(() => loadConfig({ STORAGE: 'postgres' })).toThrow(/^STORAGE: must be one of embedded, memory, dynamodb/);
    expect(() => loadConfig({ DEMO_DATA: 'maybe' })).toThrow(/^DEMO_DATA: /);
    expect(() => loadConfig({ TABLE_PREFIX: 'bad prefix!' })).toThrow(/^TABLE_PREFIX: /);
  });

  it('takes DYNAMODB_ENDPOINT only with STORAGE=dynamodb', () => {
    expect(() => loadConfig({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' })).toThrow(/^DYNAMODB_ENDPOINT: is only used with STORAGE=dynamodb/);
    const config = loadConfig({ STORAGE: 'dynamodb', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000', TABLE_PREFIX: 'prod-' });
    expect(config.storage.endpoint).toBe('http://127.0.0.1:8000');
    expect(config.storage.tablePrefix).toBe('prod-');
  });

  it('is frozen', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.storage)).toBe(true);
  });
});
