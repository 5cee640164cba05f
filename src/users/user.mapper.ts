import { UserDto, UserSearchPageDto } from './dto/user.dto';
import { User } from './user.model';
import { UserSearchPage } from './users.service';

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    username: user.username,
    display_name: user.displayName,
    created_at: user.createdAt.toISOString(),
  };
}

export function toUserSearchPageDto(page: UserSearchPage): UserSearchPageDto {
  return {
    page: page.page,
    limit: page.limit,
    data: page.data.map(toUserDto),
    next_cursor: page.nextCursor,
  };
}
