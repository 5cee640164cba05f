import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { CodePointLength } from '../../common/validation/text-length';
import { DisplayNameField, UsernameField } from '../../users/dto/profile-fields';

// Stacked decorators run bottom-up, and the pipe reports each field's first failure: the type check last.
export class RegisterDto {
  @UsernameField()
  readonly username!: string;

  @ApiProperty({
    description: '8 to 256 characters.',
    minLength: 8,
    maxLength: 256,
    example: 'correct horse battery',
  })
  @CodePointLength(8, 256, { message: 'password must be 8 to 256 characters long' })
  @IsString()
  readonly password!: string;

  @DisplayNameField()
  readonly display_name?: string | null;
}

export class LoginDto {
  @UsernameField()
  readonly username!: string;

  @ApiProperty({
    description: 'The account’s password: 1 to 256 characters.',
    minLength: 1,
    maxLength: 256,
    example: 'correct horse battery',
  })
  @CodePointLength(1, 256, { message: 'password must be 1 to 256 characters long' })
  @IsString()
  readonly password!: string;
}

export class RefreshTokenDto {
  @ApiProperty({
    description: 'The refresh_token of the latest sign-in or refresh: 1 to 512 characters.',
    minLength: 1,
    maxLength: 512,
  })
  @CodePointLength(1, 512, { message: 'refresh_token must be 1 to 512 characters long' })
  @IsString()
  readonly refresh_token!: string;
}
