import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AccountModule } from './account/account.module.js';
import { ApiClientsModule } from './api-clients/api-clients.module.js';
import { AuthModule } from './auth/auth.module.js';
import { SsoModule } from './sso/sso.module.js';
import { CryptoModule } from './common/crypto/crypto.module.js';
import { OutboundModule } from './common/outbound/outbound.module.js';
import { OrgsModule } from './orgs/orgs.module.js';
import { MoodModule } from './mood/mood.module.js';
import { JournalsModule } from './journals/journals.module.js';
import { AssessmentsModule } from './assessments/assessments.module.js';
import { CoursesModule } from './courses/courses.module.js';
import { RantsModule } from './rants/rants.module.js';
import { BuddiesModule } from './buddies/buddies.module.js';
import { TherapistsModule } from './therapists/therapists.module.js';
import { SurveysModule } from './surveys/surveys.module.js';
import { OrgWellnessModule } from './org-wellness/org-wellness.module.js';
import { ScimModule } from './scim/scim.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { pinoParams } from './common/logging/logging.js';
import { NextPageLinkInterceptor } from './common/pagination/next-page-link.interceptor.js';
import { ProblemFilter } from './common/problem/problem.filter.js';
import { createValidationPipe } from './common/problem/validation.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { JobsModule } from './jobs/jobs.module.js';

/** What both entrypoints share: configuration, logging, database, jobs. */
export function coreModules(
  config: AppConfig,
  databaseUrl: string,
  consumeJobs: boolean,
  logDestination?: DestinationStream,
) {
  return [
    ConfigModule.forRoot(config),
    LoggerModule.forRoot(pinoParams(config.LOG_LEVEL, logDestination)),
    DatabaseModule.forRoot(databaseUrl, config.DATABASE_POOL_SIZE),
    JobsModule.forRoot(config, { consume: consumeJobs }),
    CryptoModule,
    OutboundModule,
  ];
}

/** The feature modules, shared by the API and the worker. */
export const FEATURE_MODULES = [
  AuthModule,
  AccountModule,
  SsoModule,
  ApiClientsModule,
  OrgsModule,
  MoodModule,
  JournalsModule,
  AssessmentsModule,
  CoursesModule,
  RantsModule,
  BuddiesModule,
  TherapistsModule,
  OrgWellnessModule,
  SurveysModule,
  ScimModule,
  WebhooksModule,
];

/** The HTTP application. */
@Module({})
export class AppModule {
  /** `logDestination`: where log lines go instead of standard output. */
  static forRoot(
    config: AppConfig,
    databaseUrl: string,
    logDestination?: DestinationStream,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreModules(config, databaseUrl, config.WORKERS === 'embedded', logDestination),
        HealthModule,
        ...FEATURE_MODULES,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: NextPageLinkInterceptor },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
