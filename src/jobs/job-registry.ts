import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { JobDeclaration, JobName, JobPayload } from './job-catalogue.js';
import type { JobDefinition, JobHandler } from './job-definition.js';

/** What a process may set of a job from its configuration (a test's quicker webhook retries). */
export type JobTuning = Pick<JobDeclaration, 'attempts' | 'backoffMs'>;

/**
 * A job this process cannot run as stored: its name is in no catalogue, or its payload is not
 * the one its job declares. Trying again cannot help, so it is set aside or failed for good.
 */
export class JobRefused extends Error {
  override readonly name = 'JobRefused';
}

/** A job read from outside the process's types (an outbox row, a job in Redis). */
export interface ReadJob {
  definition: JobDefinition;
  payload: JobPayload;
}

/**
 * The catalogue of this process (the jobs its feature modules declare, JobsModule.forFeature)
 * and the handler of each (registered by the services that do the work, in onModuleInit). At
 * start-up a declared job nobody handles, or a handler for a job no feature declares, stops
 * the process: the alternative is a job that fails on every run, found in production.
 */
@Injectable()
export class JobRegistry implements OnApplicationBootstrap {
  private readonly declarations = new Map<string, JobDeclaration>();
  private readonly handlers = new Map<string, { handle: JobHandler; tuning: JobTuning }>();

  /** Adds jobs to the catalogue; a name declared twice is refused. */
  declare(declarations: readonly JobDeclaration[]): void {
    for (const declaration of declarations) {
      if (this.declarations.has(declaration.name)) {
        throw new Error(`Job "${declaration.name}" is declared twice.`);
      }
      this.declarations.set(declaration.name, declaration);
    }
  }

  /** Registers the work of job `name`; a second handler for one name is refused. */
  handle<Name extends JobName>(name: Name, handler: JobHandler<Name>, tuning: JobTuning = {}) {
    if (this.handlers.has(name)) throw new Error(`Job "${name}" has a handler twice.`);
    // Stored beside the others: `get` gives it back only under its own name.
    this.handlers.set(name, { handle: handler as JobHandler, tuning });
  }

  onApplicationBootstrap(): void {
    this.assertComplete();
  }

  /** Refuses a declared job without a handler, and a handler of a job no catalogue declares. */
  assertComplete(): void {
    const unhandled = [...this.declarations.keys()].filter((name) => !this.handlers.has(name));
    const undeclared = [...this.handlers.keys()].filter((name) => !this.declarations.has(name));
    const problems = [
      unhandled.length > 0 && `no handler is registered for ${unhandled.join(', ')}`,
      undeclared.length > 0 && `no catalogue declares ${undeclared.join(', ')}`,
    ].filter(Boolean);
    if (problems.length > 0) throw new Error(`Jobs incomplete: ${problems.join('; ')}.`);
  }

  /** The definition of `name`; a job with no handler is a programming error, refused loudly. */
  get<Name extends JobName>(name: Name): JobDefinition<Name> {
    const declaration = this.declarations.get(name);
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`No handler is registered for job "${name}".`);
    if (!declaration) throw new Error(`Job "${name}" is in no catalogue.`);
    const definition = { ...declaration, ...handler.tuning, handle: handler.handle };
    // Both maps hold each job under its own name, so this is job `Name`'s.
    return definition as unknown as JobDefinition<Name>;
  }

  /**
   * Job `name` with `data` as stored outside the process: its definition and the payload its
   * declaration reads from `data`, or JobRefused saying why not.
   */
  read(name: string, data: unknown): ReadJob {
    if (!this.declarations.has(name)) throw new JobRefused(`No job "${name}" in the catalogue.`);
    const definition = this.get(name as JobName);
    try {
      return { definition, payload: definition.parse(data) };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new JobRefused(`Job "${name}" refused its payload: ${why.replace(/\.$/, '')}.`);
    }
  }

  all(): JobDefinition[] {
    return [...this.declarations.keys()]
      .filter((name) => this.handlers.has(name))
      .map((name) => this.get(name as JobName));
  }
}
