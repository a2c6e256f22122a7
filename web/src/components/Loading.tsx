/** Busy indicator: announced politely, keeps the space the content will take. */
export function Loading({ label = 'Chargement…', height }: { label?: string; height?: number }) {
  return (
    <div
      role="status"
      aria-live="polite"
      aria-busy="true"
      className="fr-py-2w"
      style={{
        minHeight: height,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: height ? 'var(--background-alt-grey)' : undefined,
      }}
    >
      <p className="fr-mb-0 fr-text--sm">{label}</p>
    </div>
  );
}
