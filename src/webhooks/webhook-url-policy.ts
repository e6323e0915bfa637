import { lookup } from 'node:dns/promises';
import { Injectable } from '@nestjs/common';
import { OutboundHttp } from '../common/outbound/outbound-http.js';
import { AppConfig } from '../config/app-config.js';
import {
  hostRefusal,
  type ResolveHost,
  webhookUrlRefusal,
  type WebhookUrlRules,
} from './webhook-url.js';

const resolveHost: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Where webhooks may go: https in production; hosts that resolve only to public addresses
 * unless OUTBOUND_ALLOW_PRIVATE_ADDRESSES is set. Checked when a subscription is made, again
 * before each delivery, and once more by the connection itself (OutboundHttp connects only to
 * the public address it looked up, so DNS rebound after the check reaches nothing internal).
 */
@Injectable()
export class WebhookUrlPolicy {
  private readonly rules: WebhookUrlRules;

  constructor(config: AppConfig, outbound: OutboundHttp) {
    this.rules = {
      requireHttps: config.NODE_ENV === 'production',
      publicOnly: !outbound.allowPrivate,
    };
  }

  /** Why `url` cannot receive webhooks now, or null. */
  async refusal(url: string): Promise<string | null> {
    const refusal = webhookUrlRefusal(url, this.rules);
    if (refusal || !this.rules.publicOnly) return refusal;
    return hostRefusal(new URL(url).hostname, resolveHost);
  }
}
