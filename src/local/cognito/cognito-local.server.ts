import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Lambda } from 'aws-sdk';
import { DefaultConfig, type Config as CognitoLocalConfig } from 'cognito-local/lib/server/config';
import { Router } from 'cognito-local/lib/server/Router';
import { createServer } from 'cognito-local/lib/server/server';
import { DateClock, LambdaService, MessagesService, TriggersService } from 'cognito-local/lib/services';
import { CognitoServiceFactoryImpl } from 'cognito-local/lib/services/cognitoService';
import { CryptoService } from 'cognito-local/lib/services/crypto';
import { StormDBDataStoreFactory } from 'cognito-local/lib/services/dataStore/stormDb';
import { ConsoleMessageSender } from 'cognito-local/lib/services/messageDelivery/consoleMessageSender';
import { MessageDeliveryService } from 'cognito-local/lib/services/messageDelivery/messageDelivery';
import { otp } from 'cognito-local/lib/services/otp';
import { JwtTokenGenerator } from 'cognito-local/lib/services/tokenGenerator';
import { UserPoolServiceFactoryImpl } from 'cognito-local/lib/services/userPoolService';

export interface CognitoLocal {
  /** The user pool API endpoint (what COGNITO_ENDPOINT points at). */
  readonly endpoint: string;
  /** The issuer of a pool's tokens: `<endpoint>/<poolId>`, as cognito-local signs them. */
  issuerOf(userPoolId: string): string;
  close(): Promise<void>;
}

/**
 * cognito-local in this process, its data under `directory` (not the working directory, as
 * its own CLI does), on the given loopback port (0: a free one). Its tokens name the issuer
 * `http://127.0.0.1:<port>/<poolId>`: the issuer domain is set once the port is known, since
 * cognito-local reads it when it signs.
 */
export async function startCognitoLocal(directory: string, port = 0): Promise<CognitoLocal> {
  const logger = pino({ level: 'silent' });
  const ctx = { logger };
  const config: CognitoLocalConfig = structuredClone(DefaultConfig);
  // Sign-in by username (cognito-local's default is by email).
  config.UserPoolDefaults = { ...config.UserPoolDefaults, UsernameAttributes: [] };
  const clock = new DateClock();
  const dataStoreFactory = new StormDBDataStoreFactory(directory);
  const cognitoClient = await new CognitoServiceFactoryImpl(directory, dataStoreFactory, new UserPoolServiceFactoryImpl(clock, dataStoreFactory)).create(ctx, config.UserPoolDefaults);
  // No Lambda triggers are configured, so the Lambda client is never called.
  const noLambda = {
    invoke: () => {
      throw new Error('cognito-local: Lambda triggers are not used by recgate');
    },
  } as unknown as Lambda;
  const triggers = new TriggersService(clock, cognitoClient, new LambdaService(config.TriggerFunctions, noLambda), new CryptoService(config.KMSConfig));
  const services = {
    clock,
    cognito: cognitoClient,
    config,
    messages: new MessagesService(triggers, new MessageDeliveryService(new ConsoleMessageSender())),
    otp,
    tokenGenerator: new JwtTokenGenerator(clock, triggers, config.TokenConfig),
    triggers,
  };
  const application = createServer(Router(services), logger, config.ServerConfig, services).application as Parameters<typeof createHttpServer>[1];
  const httpServer = createHttpServer(application);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  config.TokenConfig.IssuerDomain = endpoint;
  return {
    endpoint,
    issuerOf: (userPoolId) => `${endpoint}/${userPoolId}`,
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      }),
  };
}
