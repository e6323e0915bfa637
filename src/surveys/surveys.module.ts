import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module.js';
import { SurveyAccess } from './survey-access.js';
import { SurveyAudienceRepository } from './survey-audience.repository.js';
import { SurveyResponsesService } from './survey-responses.service.js';
import { SurveyResultsRepository } from './survey-results.repository.js';
import { SurveyResultsService } from './survey-results.service.js';
import { OrgSurveysController, SurveysController } from './surveys.controller.js';
import { SurveysRepository } from './surveys.repository.js';
import { SurveysService } from './surveys.service.js';

@Module({
  imports: [OrgsModule],
  controllers: [OrgSurveysController, SurveysController],
  providers: [
    SurveysRepository,
    SurveyAudienceRepository,
    SurveyResultsRepository,
    SurveyAccess,
    SurveysService,
    SurveyResponsesService,
    SurveyResultsService,
  ],
})
export class SurveysModule {}
