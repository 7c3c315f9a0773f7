/** What went wrong on this page, announced as it appears; nothing when all is well. */
export function ErrorNotice({ text }: { text: string | null }) {
  return text ? (
    <p role="alert" class="error">
      {text}
    </p>
  ) : null;
}
