import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches, MaxLength } from 'class-validator';
import { DisplayNameField, UsernameField } from '../../users/dto/profile-fields';

const PASSWORD_RULE = { message: 'password must be 8 to 256 characters long' };

export class RegisterDto {
  @UsernameField()
  readonly username!: string;

  @ApiProperty({ description: '8 to 256 characters.', minLength: 8, maxLength: 256, example: 'correct horse battery' })
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
  @MaxLength(512)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'refresh_token is not a refresh token' })
  readonly refresh_token!: string;
}
