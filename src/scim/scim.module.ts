import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module.js';
import { ScimUsersController } from './scim-users.controller.js';
import { ScimUsersService } from './scim-users.service.js';
import { ServiceProviderConfigController } from './service-provider-config.controller.js';

/** SCIM 2.0 provisioning of an organisation's members, over the employees of OrgsModule. */
@Module({
  imports: [OrgsModule],
  controllers: [ScimUsersController, ServiceProviderConfigController],
  providers: [ScimUsersService],
})
export class ScimModule {}
