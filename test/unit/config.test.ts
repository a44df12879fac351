import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('serves on localhost:4000 from an embedded DynamoDB under .data by default', () => {
    const config = loadConfig({});
    expect(config.server).toEqual({ host: 'localhost', port: 4000, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 });
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
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/^LOG_LEVEL: must be one of debug, info, warn, error/);
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '60000', HTTP_REQUEST_TIMEOUT_MS: '30000' })).toThrow(/^HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS/);
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

  it('reads Personalize filters, a promotion and a tracking id, and names what is wrong with them', () => {
    const filter = (name: string) => `arn:aws:personalize:eu-west-1:123456789012:filter/${name}`;
    const config = loadConfig({
      PERSONALIZE_FILTER_UNSEEN_ARN: filter('unseen'),
      PERSONALIZE_FILTER_UNSEEN_CATEGORY_ARN: filter('unseen-genres'),
      PERSONALIZE_PROMOTION_FILTER_ARN: filter('docs'),
      PERSONALIZE_PROMOTION_FILTER_VALUES: '{"GENRES":"\\"Documentary\\""}',
      PERSONALIZE_TRACKING_ID: 'b5f1c2d4-tracker',
    });
    expect(config.personalize.filters).toEqual({ unseenArn: filter('unseen'), categoryArn: undefined, unseenCategoryArn: filter('unseen-genres'), categoryParameter: 'GENRES' });
    expect(config.personalize.promotion).toEqual({ name: 'promoted', filterArn: filter('docs'), percent: 10, filterValues: { GENRES: '"Documentary"' } });
    expect(config.personalize.trackingId).toBe('b5f1c2d4-tracker');
    expect(loadConfig({}).personalize.promotion).toBeUndefined();

    expect(() => loadConfig({ PERSONALIZE_FILTER_CATEGORY_ARN: 'arn:aws:personalize:us-east-1:1:campaign/x' })).toThrow(/^PERSONALIZE_FILTER_CATEGORY_ARN: must be a Personalize filter ARN/);
    expect(() => loadConfig({ PERSONALIZE_PROMOTION_FILTER_VALUES: '{}' })).toThrow(/^PERSONALIZE_PROMOTION_FILTER_VALUES: is only used with PERSONALIZE_PROMOTION_FILTER_ARN/);
    expect(() => loadConfig({ PERSONALIZE_PROMOTION_FILTER_ARN: filter('docs'), PERSONALIZE_PROMOTION_FILTER_VALUES: '["a"]' })).toThrow(/^PERSONALIZE_PROMOTION_FILTER_VALUES: must be a JSON object/);
    expect(() => loadConfig({ PERSONALIZE_PROMOTION_FILTER_ARN: filter('docs'), PERSONALIZE_PROMOTION_PERCENT: '0' })).toThrow(/^PERSONALIZE_PROMOTION_PERCENT: must be between 1 and 100/);
    expect(() => loadConfig({ PERSONALIZE_FILTER_CATEGORY_PARAMETER: '$GENRES' })).toThrow(/^PERSONALIZE_FILTER_CATEGORY_PARAMETER: /);
    expect(() => loadConfig({ PERSONALIZE_TRACKING_ID: 'has spaces' })).toThrow(/^PERSONALIZE_TRACKING_ID: /);
  });

  it('reads the user pool settings, anonymous access off by default, and names what is wrong', () => {
    expect(loadConfig({}).auth).toEqual({ userPoolId: undefined, clientId: undefined, region: 'us-east-1', issuer: undefined, endpoint: undefined, allowAnonymous: false, timeoutMs: 1500 });
    const config = loadConfig({ COGNITO_USER_POOL_ID: 'eu-west-1_AbC123', COGNITO_CLIENT_ID: '4abc5def6ghi', AUTH_ALLOW_ANONYMOUS: 'on' });
    expect(config.auth).toEqual(expect.objectContaining({ userPoolId: 'eu-west-1_AbC123', clientId: '4abc5def6ghi', region: 'eu-west-1', allowAnonymous: true }));
    expect(() => loadConfig({ COGNITO_USER_POOL_ID: 'eu-west-1_AbC123' })).toThrow(/^COGNITO_CLIENT_ID: COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID are set together/);
    expect(() => loadConfig({ COGNITO_USER_POOL_ID: 'not a pool', COGNITO_CLIENT_ID: 'x' })).toThrow(/^COGNITO_USER_POOL_ID: /);
    expect(() => loadConfig({ COGNITO_ISSUER: 'cognito' })).toThrow(/^COGNITO_ISSUER: must be an http\(s\) URL/);
  });
});
