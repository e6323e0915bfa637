import { lookup } from 'node:dns/promises';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { hostRefusal, type ResolveHost, webhookUrlRefusal } from './webhook-url.js';

const resolveHost: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Where webhooks may go. Outside production anything http(s) (receivers on the developer's own
 * machine); in production https to hosts that resolve only to public addresses, checked when a
 * subscription is made and again before each delivery (DNS can change in between).
 */
@Injectable()
export class WebhookUrlPolicy {
  private readonly production: boolean;

  constructor(config: AppConfig) {
    this.production = config.NODE_ENV === 'production';
  }

  /** Why `url` cannot receive webhooks now, or null. */
  async refusal(url: string): Promise<string | null> {
    const refusal = webhookUrlRefusal(url, this.production);
    if (refusal || !this.production) return refusal;
    return hostRefusal(new URL(url).hostname, resolveHost);
  }
}
