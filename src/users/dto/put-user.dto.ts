import { DisplayNameField, UsernameField } from './profile-fields';

export class PutUserDto {
  @UsernameField()
  readonly username!: string;

  @DisplayNameField()
  readonly display_name?: string | null;
}
