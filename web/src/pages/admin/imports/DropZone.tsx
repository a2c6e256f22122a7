import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { type DragEvent, useState } from 'react';
import { formatBytes } from './jobView.ts';

/**
 * Where a file is given: dropped on the zone, or chosen with the « Parcourir » file input (a
 * native input: reachable with the keyboard, read by screen readers). The upload starts as
 * soon as a file is given; nothing is imported before the administrator confirms.
 */
export function DropZone({
  maxMb,
  disabled,
  onFile,
}: {
  readonly maxMb: number | undefined;
  readonly disabled: boolean;
  readonly onFile: (file: File) => void;
}) {
  const [over, setOver] = useState(false);
  const limit = maxMb === undefined ? '' : ` Taille maximale : ${formatBytes(maxMb * 1024 * 1024)}.`;
  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };
  return (
    // Dropping is a shortcut for mouse users; the file input inside is the accessible way.
    // biome-ignore lint/a11y/noStaticElementInteractions: the input inside is the keyboard path
    <div
      className="dataetat-dropzone fr-p-4w fr-mb-4w"
      data-testid="import-dropzone"
      data-over={over || undefined}
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <p className="fr-text--lg fr-mb-2w" aria-hidden="true">
        <span className="fr-icon-upload-2-line fr-mr-1w" />
        Glissez-déposez le fichier ici, ou choisissez-le avec « Parcourir ».
      </p>
      <Upload
        label="Fichier à importer"
        hint={`Extraction Chorus en CSV (rapport INF-BUD-53 AE ou CP, export national AIFE ou nation_ej), subventions (SCDL, France 2030) ou référentiel (Calculette Chorus et centres de coûts en XLSX, localisations interministérielles et lieux d’action en quartier prioritaire « qpv_lieu_action » en CSV).${limit} L’envoi commence dès le fichier choisi ; rien n’est importé avant votre confirmation.`}
        disabled={disabled}
        nativeInputProps={{
          id: 'import-fichier',
          accept:
            '.csv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          onChange: (event) => {
            const file = event.target.files?.[0];
            // Cleared so that choosing the same file again (after a fix) starts a new upload.
            event.target.value = '';
            if (file) onFile(file);
          },
        }}
      />
    </div>
  );
}
