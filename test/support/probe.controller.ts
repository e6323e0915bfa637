import { Body, Controller, Get, Module, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Public } from '../../src/auth/guards/public.decorator.js';
import { PrismaService } from '../../src/database/prisma.service.js';

class ProbeMoodDto {
  @IsString()
  @MaxLength(200)
  email!: string;

  @IsInt()
  @Min(-100)
  @Max(100)
  moodScore!: number;
}

/**
 * Test-only routes that make the shared machinery fail in each way it must handle (validation,
 * unique, missing row, database CHECK, unexpected error, slow request), before feature routes
 * exist to do so. Mounted next to the real AppModule, never in the application.
 */
@Public()
@Controller('probe')
export class ProbeController {
  constructor(private readonly prisma: PrismaService) {}

  @Post('mood')
  async mood(@Body() body: ProbeMoodDto) {
    const user = await this.prisma.user.upsert({
      where: { email: body.email },
      create: { email: body.email, password: 'not-a-hash' },
      update: {},
    });
    const entry = await this.prisma.moodEntry.create({
      data: { userId: user.id, moodScore: body.moodScore, notes: 'private words' },
    });
    return { id: entry.id };
  }

  @Post('users/:email')
  async createUser(@Param('email') email: string) {
    const user = await this.prisma.user.create({ data: { email, password: 'not-a-hash' } });
    return { id: user.id };
  }

  @Post('users/:id/rename')
  async rename(@Param('id', ParseUUIDPipe) id: string) {
    await this.prisma.user.update({ where: { id }, data: { displayName: 'x' } });
    return {};
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret internals: SELECT * FROM users');
  }

  @Get('slow')
  async slow() {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { finished: true };
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
