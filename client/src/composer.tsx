import { useState } from 'preact/hooks';
import { ApiError, Attachment } from './api';
import { sizeText } from './attachment-view';
import { Session } from './session';

/** As many files as one message takes. */
const MAX_FILES = 10;

/** What a send carries: a message needs text, so a file alone is sent under its name. */
export interface Draft {
  readonly content: string;
  readonly attachments: readonly Attachment[];
}

/** The message being written, and the files uploaded for it. */
export function Composer(props: { session: Session; onTyping: () => void; onSend: (draft: Draft) => void }) {
  const [text, setText] = useState('');
  const [files, setFiles] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(0);
  const [error, setError] = useState<string>();

  const upload = async (file: File) => {
    setUploading((n) => n + 1);
    try {
      const stored = await props.session.api<Attachment>(
        `/api/attachments?name=${encodeURIComponent(file.name)}`,
        { method: 'POST', body: file, headers: { 'content-type': file.type || 'application/octet-stream' } },
      );
      setFiles((list) => [...list, stored]);
      setError(undefined);
    } catch (failure) {
      setError(`${file.name}: ${failure instanceof ApiError ? failure.message : String(failure)}`);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  const send = (event: Event) => {
    event.preventDefault();
    const content = text.trim() || files.map((file) => file.name).join(', ');
    if (!content || uploading > 0) return;
    props.onSend({ content, attachments: files });
    setText('');
    setFiles([]);
  };

  return (
    <form class="composer" onSubmit={send}>
      {(files.length > 0 || uploading > 0 || error) && (
        <ul class="files" aria-label="Files to send">
          {files.map((file) => (
            <li key={file.id}>
              {file.name} <span class="muted">{sizeText(file.size)}</span>
              <button
                type="button"
                class="link"
                aria-label={`Leave out ${file.name}`}
                onClick={() => setFiles((list) => list.filter((other) => other.id !== file.id))}
              >
                ×
              </button>
            </li>
          ))}
          {uploading > 0 && <li class="muted">Uploading…</li>}
          {error && (
            <li role="alert" class="error">
              {error}
            </li>
          )}
        </ul>
      )}
      <label class="attach" title="Attach files">
        <span class="visually-hidden">Attach files</span>📎
        <input
          type="file"
          multiple
          class="visually-hidden"
          onChange={(event) => {
            const chosen = [...(event.currentTarget.files ?? [])].slice(0, MAX_FILES - files.length);
            event.currentTarget.value = '';
            for (const file of chosen) void upload(file);
          }}
        />
      </label>
      <label class="visually-hidden" for="composer">
        Message
      </label>
      <textarea
        id="composer"
        rows={1}
        placeholder="Write a message"
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          props.onTyping();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) send(e);
        }}
      />
      <button type="submit" disabled={uploading > 0}>
        Send
      </button>
    </form>
  );
}
