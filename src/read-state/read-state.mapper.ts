import { Page } from '../common/pagination/page';
import { ReadStatePageDto } from './dto/read-state.dto';
import { ReadPosition } from './read-state.service';

export function toReadStatePageDto(page: Page<ReadPosition>): ReadStatePageDto {
  return {
    total: page.total,
    page: page.page,
    limit: page.limit,
    data: page.data.map((position) => ({
      user_id: position.userId,
      last_read_message_id: position.lastReadMessageId,
    })),
    next_cursor: page.nextCursor,
  };
}
