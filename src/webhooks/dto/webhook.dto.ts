import { ApiProperty, PickType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUrl,
  MaxLength,
} from 'class-validator';
import { ApiNextCursor, PAGE_MAX_LIMIT, PageQueryDto } from '../../common/pagination/page.dto.js';
import { URL_MAX_LENGTH } from '../../common/validation/text-limits.js';
import { MAX_WEBHOOKS_PER_ORG, WEBHOOK_EVENTS, type WebhookEvent } from '../webhook-events.js';
import { MAX_ERROR_LENGTH } from '../webhook-sender.js';
import { SECRET_LENGTH, SECRET_PREFIX } from '../webhook-signature.js';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

export class CreateWebhookDto {
  /**
   * Where events are POSTed. https in production, to a host on the public internet; no
   * credentials in the URL (verify the signature instead).
   */
  @ApiProperty({ example: 'https://hr.example.com/mindfulme/webhooks', maxLength: URL_MAX_LENGTH })
  @IsString()
  @MaxLength(URL_MAX_LENGTH)
  @IsUrl({
    protocols: ['http', 'https'],
    require_protocol: true,
    require_tld: false,
    disallow_auth: true,
  })
  url!: string;

  /** The events to receive, at least one. */
  @ApiProperty({
    enum: WEBHOOK_EVENTS,
    isArray: true,
    maxItems: WEBHOOK_EVENTS.length,
    example: ['survey.closed'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events!: WebhookEvent[];
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  /** As kept: normalised, the scheme and host in lower case and the rest percent-encoded. */
  @ApiProperty({ format: 'uri', maxLength: URL_MAX_LENGTH })
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, maxItems: WEBHOOK_EVENTS.length })
  events!: WebhookEvent[];

  createdAt!: Date;
}

/**
 * An organisation's webhooks, newest first: always one page (`nextCursor` null), because creating
 * one more than MAX_WEBHOOKS_PER_ORG is refused (409), counted under a lock.
 */
export class WebhookPageDto {
  @ApiProperty({
    type: [WebhookDto],
    maxItems: MAX_WEBHOOKS_PER_ORG,
    description: `All of them: an organisation has at most ${MAX_WEBHOOKS_PER_ORG}.`,
  })
  items!: WebhookDto[];

  /** Always null here (the list is one page); typed as on every list. */
  @ApiNextCursor()
  nextCursor!: string | null;
}

export class CreatedWebhookDto extends WebhookDto {
  /**
   * The signing secret, `whsec_` and 32 random bytes in base64 (the Standard Webhooks format):
   * shown in this answer only, kept encrypted.
   * The HMAC key is this text as it is.
   */
  @ApiProperty({
    minLength: SECRET_LENGTH,
    maxLength: SECRET_LENGTH,
    pattern: `^${SECRET_PREFIX}[A-Za-z0-9+/]+={0,2}$`,
  })
  secret!: string;
}

export class WebhookDeliveryQueryDto extends PickType(PageQueryDto, ['limit', 'cursor'] as const) {}

export class WebhookDeliveryDto {
  /** Also the payload's `id` and the x-mindfulme-delivery header. */
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS })
  event!: WebhookEvent;

  /** pending until a 2xx answer (delivered) or the sixth failed attempt (failed). */
  @ApiProperty({ enum: DELIVERY_STATUSES })
  status!: (typeof DELIVERY_STATUSES)[number];

  /** Attempts made so far, the successful one included. */
  attempts!: number;

  /** The last failed attempt's status code or error, up to 500 characters. */
  @ApiProperty({ type: 'string', nullable: true, maxLength: MAX_ERROR_LENGTH })
  lastError!: string | null;

  deliveredAt!: Date | null;
  createdAt!: Date;
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: [WebhookDeliveryDto], maxItems: PAGE_MAX_LIMIT })
  items!: WebhookDeliveryDto[];

  @ApiNextCursor()
  nextCursor!: string | null;
}
