import { Body, Controller, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SetRoleDto } from './dto/role.dto.js';
import { UserDto } from './dto/user.dto.js';
import { Roles } from './guards/roles.decorator.js';
import { AdminUsersService } from './admin-users.service.js';

@ApiTags('admin')
@ApiBearerAuth('bearer')
@Roles('admin')
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly adminUsers: AdminUsersService) {}

  /**
   * Gives a user a role.
   *
   * @remarks
   * Platform admins only; `admin` makes the user a platform admin. The user's sessions end in the
   * same transaction, so the new role applies from their next sign-in. An unknown user answers 404.
   */
  @Patch(':id/role')
  setRole(@Param('id', ParseUUIDPipe) id: string, @Body() body: SetRoleDto): Promise<UserDto> {
    return this.adminUsers.setRole(id, body.role);
  }
}
