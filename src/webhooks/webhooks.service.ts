import { randomBytes, randomUUID } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { Principal } from '../auth/roles.js';
import { WEBHOOK_SECRET } from '../common/crypto/encrypted-columns.js';
import { SealedColumns } from '../common/crypto/sealed-columns.js';
import { decodeCursor, toPage } from '../common/pagination/cursor.js';
import { RequestValidationException } from '../common/problem/validation.js';
import { URL_MAX_LENGTH } from '../common/validation/text-limits.js';
import { PrismaService } from '../database/prisma.service.js';
import { OrgAccessService } from '../orgs/org-access.service.js';
import type {
  CreatedWebhookDto,
  CreateWebhookDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookDeliveryQueryDto,
  WebhookDto,
  WebhookPageDto,
} from './dto/webhook.dto.js';
import { SECRET_BYTES, SECRET_PREFIX } from './webhook-signature.js';
import { eventsBeyondScopes, MAX_WEBHOOKS_PER_ORG, type WebhookEvent } from './webhook-events.js';
import { WebhookUrlPolicy } from './webhook-url-policy.js';
import {
  type StoredDelivery,
  type StoredSubscription,
  WebhooksRepository,
} from './webhooks.repository.js';

const NO_SUCH_WEBHOOK = 'No such webhook.';

/** An organisation's webhook subscriptions, for whoever may manage the organisation. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly access: OrgAccessService,
    private readonly encrypted: SealedColumns,
    private readonly urls: WebhookUrlPolicy,
    private readonly prisma: PrismaService,
  ) {}

  async create(
    principal: Principal,
    orgId: string,
    input: CreateWebhookDto,
  ): Promise<CreatedWebhookDto> {
    await this.access.assertCanManage(principal, orgId);
    if (principal.kind === 'client') {
      const beyond = eventsBeyondScopes(input.events, principal.scopes);
      if (beyond.length > 0) {
        throw new ForbiddenException(
          `This API client's scopes do not cover ${beyond.join(', ')} (org.wellness.updated needs org.wellness:read; survey events need surveys:read).`,
        );
      }
    }
    const refusal = await this.urls.refusal(input.url);
    if (refusal) throw new RequestValidationException([{ field: 'url', reason: refusal }]);
    // Normalised (scheme and host lower-case, the rest percent-encoded), as the database's CHECK
    // and fetch expect; encoding can lengthen it, and it is kept and answered as it is then.
    const url = new URL(input.url).href;
    if (url.length > URL_MAX_LENGTH) {
      throw new RequestValidationException([
        { field: 'url', reason: `url must be at most ${URL_MAX_LENGTH} characters once encoded` },
      ]);
    }
    const id = randomUUID();
    // Standard Webhooks' format: its libraries take the secret as it is shown.
    const secret = `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
    // Bound to the subscription: a secret moved onto another subscription does not open.
    const sealed = this.encrypted.seal(WEBHOOK_SECRET, { id }, secret);
    // Counted and inserted under the organisation's lock: two creates at once cannot both find
    // room for one more, so the cap (and the one-page list it promises) holds.
    const created = await this.prisma.$transaction(async (tx) => {
      await this.webhooks.lockSubscriptionsOf(tx, orgId);
      if ((await this.webhooks.countSubscriptions(tx, orgId)) >= MAX_WEBHOOKS_PER_ORG) return null;
      return this.webhooks.createSubscription(tx, {
        id,
        orgId,
        url,
        events: input.events,
        secret: sealed.ciphertext,
        encryptionKeyId: sealed.keyId,
      });
    });
    if (!created) {
      throw new ConflictException(
        `An organisation can have ${MAX_WEBHOOKS_PER_ORG} webhooks; delete one before adding another.`,
      );
    }
    return { ...toWebhookDto(created), secret };
  }

  /** All of them: the cap keeps them to one page. */
  async list(principal: Principal, orgId: string): Promise<WebhookPageDto> {
    await this.access.assertCanManage(principal, orgId);
    const rows = await this.webhooks.subscriptionsOf(orgId);
    return { items: rows.map(toWebhookDto), nextCursor: null };
  }

  /** Deletes the subscription and its delivery history; queued deliveries are not sent. */
  async remove(principal: Principal, orgId: string, id: string): Promise<void> {
    await this.access.assertCanManage(principal, orgId);
    if (!(await this.webhooks.deleteSubscription(orgId, id))) {
      throw new NotFoundException(NO_SUCH_WEBHOOK);
    }
  }

  async deliveries(
    principal: Principal,
    orgId: string,
    id: string,
    query: WebhookDeliveryQueryDto,
  ): Promise<WebhookDeliveryPageDto> {
    await this.access.assertCanManage(principal, orgId);
    if (!(await this.webhooks.subscriptionExists(orgId, id))) {
      throw new NotFoundException(NO_SUCH_WEBHOOK);
    }
    const limit = query.limit ?? 20;
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    return toPage(await this.webhooks.deliveriesOf(id, limit, cursor), limit, toDeliveryDto);
  }
}

function toWebhookDto(row: StoredSubscription): WebhookDto {
  return {
    id: row.id,
    url: row.url,
    events: row.events as WebhookEvent[],
    createdAt: row.createdAt,
  };
}

function toDeliveryDto(row: StoredDelivery): WebhookDeliveryDto {
  return {
    id: row.id,
    event: row.event as WebhookEvent,
    status: row.status as WebhookDeliveryDto['status'],
    attempts: row.attempts,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt,
    createdAt: row.createdAt,
  };
}
