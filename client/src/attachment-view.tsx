import { useEffect, useState } from 'preact/hooks';
import { Attachment } from './api';
import { Session } from './session';

/** The types the service serves inline, so a preview can show them. */
const PREVIEWED = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);
/** A preview's largest side, in CSS pixels; its box is reserved before the bytes arrive. */
const PREVIEW_PX = 240;

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Downloads need the bearer token, which a plain link cannot carry: the bytes come through the API. */
const bytesOf = (session: Session, attachment: Attachment) =>
  session.api<Blob>(`/api/attachments/${attachment.id}`);

function previewBox(attachment: Attachment): { width: number; height: number } | undefined {
  if (!attachment.width || !attachment.height) return undefined;
  const scale = Math.min(1, PREVIEW_PX / Math.max(attachment.width, attachment.height));
  return { width: Math.round(attachment.width * scale), height: Math.round(attachment.height * scale) };
}

function ImagePreview({ session, attachment }: { session: Session; attachment: Attachment }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    let made: string | undefined;
    let current = true;
    bytesOf(session, attachment)
      .then((blob) => {
        if (!current) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      })
      .catch(() => undefined);
    return () => {
      current = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [attachment.id]);
  const box = previewBox(attachment);
  return (
    <span class="preview-box" style={box && { width: `${box.width}px`, height: `${box.height}px` }}>
      {url && <img src={url} alt={attachment.name} width={box?.width} height={box?.height} />}
    </span>
  );
}

async function download(session: Session, attachment: Attachment): Promise<void> {
  const url = URL.createObjectURL(await bytesOf(session, attachment));
  const link = document.createElement('a');
  link.href = url;
  link.download = attachment.name;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A message's file: images shown, and every file downloadable under its name. */
export function AttachmentView({ session, attachment }: { session: Session; attachment: Attachment }) {
  return (
    <figure class="attachment">
      {PREVIEWED.has(attachment.content_type) && <ImagePreview session={session} attachment={attachment} />}
      <figcaption>
        <button
          type="button"
          class="link"
          aria-label={`Download ${attachment.name}`}
          onClick={() => void download(session, attachment)}
        >
          {attachment.name}
        </button>
        <span class="muted"> {sizeText(attachment.size)}</span>
      </figcaption>
    </figure>
  );
}
