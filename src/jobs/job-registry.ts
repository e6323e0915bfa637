import { Injectable } from '@nestjs/common';
import type { JobDefinition } from './job-definition.js';

/** Every job this process knows, by name. Feature modules register theirs when they start. */
@Injectable()
export class JobRegistry {
  private readonly definitions = new Map<string, JobDefinition>();

  register<Data>(definition: JobDefinition<Data>): void {
    if (this.definitions.has(definition.name)) {
      throw new Error(`Job "${definition.name}" is registered twice.`);
    }
    this.definitions.set(definition.name, definition as unknown as JobDefinition);
  }

  /** The definition of `name`; a name with no handler is a programming error, refused loudly. */
  get(name: string): JobDefinition {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`No handler is registered for job "${name}".`);
    return definition;
  }

  all(): JobDefinition[] {
    return [...this.definitions.values()];
  }
}
