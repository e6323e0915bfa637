import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '../auth/roles.js';
import { type Membership, OrgAccessService } from '../orgs/org-access.service.js';
import { type StoredSurvey, SurveysRepository } from './surveys.repository.js';

export const NO_SUCH_SURVEY = 'No such survey.';

/**
 * Who may see a survey. Anyone else is told it does not exist, in the same words whether it
 * does not or belongs to an organisation they cannot see.
 */
@Injectable()
export class SurveyAccess {
  constructor(
    private readonly orgAccess: OrgAccessService,
    private readonly surveys: SurveysRepository,
  ) {}

  /** The survey, for those who run the organisation's surveys (see `assertCanLead`). */
  async forLead(principal: Principal, surveyId: string): Promise<StoredSurvey> {
    const survey = await this.surveys.find(surveyId);
    if (!survey || !(await this.canLead(principal, survey.orgId)))
      throw new NotFoundException(NO_SUCH_SURVEY);
    return survey;
  }

  /** The survey, for its leads, and for the organisation's active members while it is open. */
  async forViewer(principal: Principal, surveyId: string): Promise<StoredSurvey> {
    const survey = await this.surveys.find(surveyId);
    if (survey && (await this.canLead(principal, survey.orgId))) return survey;
    if (survey?.status === 'open' && principal.kind === 'user') {
      if (await this.orgAccess.membership(principal.userId, survey.orgId)) return survey;
    }
    throw new NotFoundException(NO_SUCH_SURVEY);
  }

  /**
   * The survey and the caller's active membership of its organisation, for answering it. A
   * draft is as invisible to members as a survey of another organisation.
   */
  async forRespondent(
    userId: string,
    surveyId: string,
  ): Promise<{ survey: StoredSurvey; membership: Membership }> {
    const survey = await this.surveys.find(surveyId);
    const membership = survey && (await this.orgAccess.membership(userId, survey.orgId));
    if (!survey || !membership || survey.status === 'draft')
      throw new NotFoundException(NO_SUCH_SURVEY);
    return { survey, membership };
  }

  assertCanLead(principal: Principal, orgId: string): Promise<void> {
    return this.orgAccess.assertCanLead(principal, orgId);
  }

  private async canLead(principal: Principal, orgId: string): Promise<boolean> {
    try {
      await this.orgAccess.assertCanLead(principal, orgId);
      return true;
    } catch (error) {
      if (error instanceof NotFoundException) return false;
      throw error;
    }
  }
}
