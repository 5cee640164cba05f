import { ApiProperty } from '@nestjs/swagger';
import { UserDto } from '../../users/dto/user.dto';

export class AccessTokenDto {
  @ApiProperty({ description: 'A JWT for Authorization: Bearer.' })
  access_token!: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  token_type!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires.', example: 900, type: 'integer' })
  expires_in!: number;
}

export class TokenPairDto extends AccessTokenDto {
  @ApiProperty({
    description:
      'Opaque; exchange it at /api/auth/refresh for a new pair. Single use: presenting it twice revokes the sign-in.',
  })
  refresh_token!: string;
}

export class SessionDto extends TokenPairDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;
}
