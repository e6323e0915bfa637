import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowClients } from '../auth/guards/client-scopes.decorator.js';
import { CurrentPrincipal } from '../auth/guards/current-user.decorator.js';
import type { Principal } from '../auth/roles.js';
import {
  CreatedWebhookDto,
  CreateWebhookDto,
  WebhookDeliveryPageDto,
  WebhookDeliveryQueryDto,
  WebhookPageDto,
} from './dto/webhook.dto.js';
import { WebhooksService } from './webhooks.service.js';

/** What a subscriber needs to know, shown with the operation that subscribes. */
const WEBHOOKS_GUIDE = `
Subscribes a URL to the organisation's events. For the organisation's admin, platform admins and
the organisation's HR clients holding \`org.wellness:read\` or \`surveys:read\`; a client may
subscribe only to events its scopes could read (\`org.wellness.updated\` needs
\`org.wellness:read\`, survey events need \`surveys:read\`). At most 10 webhooks per organisation.

**Events.** Aggregates only, never anything about a person.
- \`survey.opened\`, \`survey.closed\`: \`data\` is \`{ "surveyId" }\`.
- \`org.wellness.updated\`: after each recompute of the score; \`data\` is
  \`{ "wellnessScore", "computedAt" }\`, the score \`null\` while fewer members than the
  organisation's \`minGroupSize\` count towards it.

**Request.** \`POST\` with \`content-type: application/json\`, \`user-agent: MindfulMe-Webhooks/1\`,
\`webhook-id\` (the delivery id, also \`id\` in the body, the same on every retry: use it to
ignore a repeat), \`webhook-timestamp\` and \`webhook-signature\`, as the Standard Webhooks
specification (standardwebhooks.com) defines them, plus \`x-mindfulme-event\`. Example body:

\`\`\`json
{
  "id": "3f0c2a7e-8d1b-8c4e-9a55-0b6f2d1e7c90",
  "event": "survey.closed",
  "orgId": "8b9a6c1e-2f3d-4e5a-9b7c-1d2e3f4a5b6c",
  "occurredAt": "2026-11-26T10:15:00.000Z",
  "data": { "surveyId": "5e4d3c2b-1a09-4f8e-8d7c-6b5a4f3e2d1c" }
}
\`\`\`

**Signature** (Standard Webhooks): \`webhook-signature: v1,<base64>\`, where \`<base64>\` is
HMAC-SHA256, keyed with the base64 bytes after \`whsec_\` in the secret returned here, of
\`<webhook-id>.<webhook-timestamp>.<raw body>\`. The specification's libraries verify it in one
call (\`new Webhook(secret).verify(rawBody, headers)\` in JavaScript), including the timestamp's
age. Secrets made before this format have no \`whsec_\` prefix: give them to the library with
\`{ format: "raw" }\`. The earlier \`x-mindfulme-signature: t=<unix seconds>,v1=<hex>\` (HMAC-SHA256
of \`<t>.<raw body>\` keyed with the secret's text) is still sent while receivers move over.

**Delivery.** Any 2xx within 5 seconds counts as delivered. Redirects are not followed. Anything
else is retried with exponential back-off (1, 2, 4, 8, 16 s), six attempts in all, then the
delivery is marked failed; see \`GET .../webhooks/{id}/deliveries\`. Deliveries are kept 30 days.
`.trim();

@ApiTags('webhooks', 'HR integration')
@ApiBearerAuth('bearer')
@Controller('orgs/:orgId/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiConflictResponse({
    description: 'The organisation has as many webhooks as it may; delete one first.',
  })
  @AllowClients('org.wellness:read', 'surveys:read')
  @ApiOperation({
    summary: 'Subscribes a webhook; its signing secret is in this answer only.',
    description: WEBHOOKS_GUIDE,
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: CreateWebhookDto,
  ): Promise<CreatedWebhookDto> {
    return this.webhooks.create(principal, orgId, body);
  }

  /**
   * The organisation's webhooks, newest first (their secrets are never shown again).
   *
   * @remarks
   * For the organisation's admin, platform admins and HR clients with `org.wellness:read` or
   * `surveys:read`; anyone else gets 404. Each with its URL and events. One page: the number of
   * webhooks an organisation may have is capped, so `nextCursor` is always null.
   */
  @Get()
  @AllowClients('org.wellness:read', 'surveys:read')
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
  ): Promise<WebhookPageDto> {
    return this.webhooks.list(principal, orgId);
  }

  /**
   * Deletes the webhook and its delivery history; nothing more is sent to it.
   *
   * @remarks
   * For the organisation's admin, platform admins and HR clients with `org.wellness:read` or
   * `surveys:read`. Deliveries still queued for it are not sent.
   */
  @Delete(':id')
  @AllowClients('org.wellness:read', 'surveys:read')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.webhooks.remove(principal, orgId, id);
  }

  /**
   * The webhook's deliveries, newest first: status, attempts and the last error.
   *
   * @remarks
   * For the organisation's admin, platform admins and HR clients with `org.wellness:read` or
   * `surveys:read`. Paged with `limit` and `cursor`; deliveries are kept 30 days. A delivery is
   * pending until a 2xx answer (delivered) or its sixth failed attempt (failed).
   */
  @Get(':id/deliveries')
  @AllowClients('org.wellness:read', 'surveys:read')
  deliveries(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: WebhookDeliveryQueryDto,
  ): Promise<WebhookDeliveryPageDto> {
    return this.webhooks.deliveries(principal, orgId, id, query);
  }
}
