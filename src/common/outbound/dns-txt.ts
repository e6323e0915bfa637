import { Resolver } from 'node:dns/promises';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';

/** DNS answers that mean "no such record", as opposed to a resolver that failed. */
const NO_RECORD = new Set(['ENODATA', 'ENOTFOUND', 'ENONAME', 'NXDOMAIN']);

/** Reads TXT records through the resolvers set by DNS_RESOLVERS (else the machine's own). */
@Injectable()
export class DnsTxtLookup {
  private readonly resolver = new Resolver({ timeout: 3000, tries: 2 });

  constructor(config: AppConfig) {
    if (config.DNS_RESOLVERS.length > 0) this.resolver.setServers(config.DNS_RESOLVERS);
  }

  /** The TXT strings published at `name` (each record's chunks joined); [] when there are none. */
  async txt(name: string): Promise<string[]> {
    try {
      const records = await this.resolver.resolveTxt(name);
      return records.map((chunks) => chunks.join(''));
    } catch (error) {
      if (NO_RECORD.has((error as { code?: string }).code ?? '')) return [];
      throw error;
    }
  }
}
