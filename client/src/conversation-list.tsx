import { Conversation } from './api';
import { Names } from './names';

/** The other member of a direct conversation, or the group's title. */
export function titleOf(conversation: Conversation, names: Names, me: number): string {
  if (conversation.kind === 'group') return conversation.title ?? 'Group';
  const other = conversation.user1_id === me ? conversation.user2_id : conversation.user1_id;
  return names.of(other ?? me);
}

export function ConversationList(props: {
  conversations: readonly Conversation[];
  selectedId?: string;
  names: Names;
  me: number;
  onSelect: (id: string) => void;
}) {
  return (
    <nav aria-label="Conversations">
      <ul class="conversations">
        {props.conversations.map((conversation) => (
          <li key={conversation.id}>
            <button
              type="button"
              class={conversation.id === props.selectedId ? 'selected' : ''}
              aria-current={conversation.id === props.selectedId ? 'true' : undefined}
              onClick={() => props.onSelect(conversation.id)}
            >
              <span class="title">{titleOf(conversation, props.names, props.me)}</span>
              <span class="preview">{conversation.last_message_content ?? ''}</span>
              {conversation.unread_count > 0 && (
                <span class="badge" aria-label={`${conversation.unread_count} unread`}>
                  {conversation.unread_count}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
