import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { DisplayNameField, UsernameField } from '../../users/dto/profile-fields';

const PASSWORD_RULE = { message: 'password must be 8 to 256 characters long' };

export class RegisterDto {
  @UsernameField()
  readonly username!: string;

  @ApiProperty({
    description: '8 to 256 characters.',
    minLength: 8,
    maxLength: 256,
    example: 'correct horse battery',
  })
  @IsString()
  @Length(8, 256, PASSWORD_RULE)
  readonly password!: string;

  @DisplayNameField()
  readonly display_name?: string;
}

export class LoginDto {
  @UsernameField()
  readonly username!: string;

  @ApiProperty({ description: 'The account’s password.', example: 'correct horse battery' })
  @IsString()
  @Length(1, 256, { message: 'password must be 1 to 256 characters long' })
  readonly password!: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh_token of the latest sign-in or refresh.' })
  @IsString()
  @Length(1, 512, { message: 'refresh_token must be 1 to 512 characters long' })
  readonly refresh_token!: string;
}
