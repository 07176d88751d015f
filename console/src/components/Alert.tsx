/** An error the API (or the network) gave, read out by screen readers as it appears. */
export function Alert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p class="alert" role="alert" data-testid="error">
      {message}
    </p>
  );
}

/** A line saying something worked, announced politely. */
export function Notice({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p class="notice" role="status" data-testid="notice">
      {message}
    </p>
  );
}
