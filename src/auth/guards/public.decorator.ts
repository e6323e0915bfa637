import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'mindfulme:public';

/** The route needs no access token (sign-in, health, token endpoints). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
