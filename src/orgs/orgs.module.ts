import { Module } from '@nestjs/common';
import { OrgAccessService } from './org-access.service.js';
import { OrgsController } from './orgs.controller.js';
import { OrgsService } from './orgs.service.js';

@Module({
  controllers: [OrgsController],
  providers: [OrgAccessService, OrgsService],
  exports: [OrgAccessService],
})
export class OrgsModule {}
