import { Injectable, NotFoundException } from '@nestjs/common';
import { JOURNAL_CONTENT } from '../common/crypto/encrypted-columns.js';
import { SealedColumns } from '../common/crypto/sealed-columns.js';
import { decodeCursor, toPage } from '../common/pagination/cursor.js';
import type {
  CreateJournalDto,
  JournalDto,
  JournalPageDto,
  JournalQueryDto,
  UpdateJournalDto,
} from './dto/journal.dto.js';
import { normaliseTag, normaliseTags } from './journal-tags.js';
import {
  JournalsRepository,
  type JournalWrite,
  type StoredJournal,
} from './journals.repository.js';

const DEFAULT_PAGE = 20;
const NOT_FOUND = 'No such journal entry.';

/** Private journals: the text never reaches the database in the clear. */
@Injectable()
export class JournalsService {
  constructor(
    private readonly journals: JournalsRepository,
    private readonly encrypted: SealedColumns,
  ) {}

  async create(userId: string, input: CreateJournalDto): Promise<JournalDto> {
    const sealed = this.seal(userId, input.content);
    const stored = await this.journals.create(userId, {
      content: sealed.ciphertext,
      encryptionKeyId: sealed.keyId,
      moodScore: input.moodScore ?? null,
      tags: normaliseTags(input.tags ?? []),
      isPrivate: input.isPrivate ?? true,
    });
    return this.toDto(stored);
  }

  async get(userId: string, id: string): Promise<JournalDto> {
    const stored = await this.journals.findOwned(userId, id);
    if (!stored) throw new NotFoundException(NOT_FOUND);
    return this.toDto(stored);
  }

  async list(userId: string, query: JournalQueryDto): Promise<JournalPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.journals.page(userId, limit, {
      cursor: query.cursor ? decodeCursor(query.cursor) : undefined,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      tag: query.tag ? normaliseTag(query.tag) : undefined,
    });
    return toPage(rows, limit, (row) => this.toDto(row));
  }

  async update(userId: string, id: string, input: UpdateJournalDto): Promise<JournalDto> {
    const data: JournalWrite = {
      moodScore: input.moodScore,
      tags: input.tags ? normaliseTags(input.tags) : undefined,
      isPrivate: input.isPrivate,
    };
    if (input.content !== undefined) {
      const sealed = this.seal(userId, input.content);
      Object.assign(data, { content: sealed.ciphertext, encryptionKeyId: sealed.keyId });
    }
    const updated = await this.journals.updateOwned(userId, id, data);
    if (!updated) throw new NotFoundException(NOT_FOUND);
    return this.toDto(updated);
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.journals.deleteOwned(userId, id))) throw new NotFoundException(NOT_FOUND);
  }

  /** Every entry of the person, decrypted, for their data export. */
  async exportAll(userId: string): Promise<JournalDto[]> {
    const rows = await this.journals.allOf(userId);
    return rows.map((row) => this.toDto(row));
  }

  /** The entry's text is bound to its owner. */
  private seal(userId: string, content: string) {
    return this.encrypted.seal(JOURNAL_CONTENT, { user_id: userId }, content);
  }

  private open(row: StoredJournal): string {
    return this.encrypted.open(
      JOURNAL_CONTENT,
      { user_id: row.userId },
      { keyId: row.encryptionKeyId, ciphertext: row.content },
    );
  }

  private toDto(row: StoredJournal): JournalDto {
    return {
      id: row.id,
      content: this.open(row),
      moodScore: row.moodScore,
      tags: (row.tags ?? []) as string[],
      isPrivate: row.isPrivate,
      createdAt: row.createdAt,
    };
  }
}
