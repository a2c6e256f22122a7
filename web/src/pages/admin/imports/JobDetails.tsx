import type { ImportJobAnswer } from '@dataetat/widgets';
import { formatDate, formatEur, formatInteger } from '@dataetat/widgets/react';
import {
  contentsLabel,
  encodingLabel,
  formatBytes,
  isPending,
  isReference,
  kindLabel,
  regionsLabel,
  yearsLabel,
} from './jobView.ts';
import { ScrollTable } from './ScrollTable.tsx';

/** What the server recognised in the file: layout, encoding, kind, years and régions. */
export function DetectedFormat({ job }: { readonly job: ImportJobAnswer['job'] }) {
  const rows: [string, string | null][] = isReference(job)
    ? [
        ['Fichier', `${job.fileName} (${formatBytes(job.size)})`],
        ['Format reconnu', job.layout?.label ?? null],
        ...(job.encoding ? [['Encodage', encodingLabel(job)] as [string, string | null]] : []),
        ['Nature', kindLabel(job)],
        ['Contenu', contentsLabel(job) ?? (job.status === 'analysing' ? 'lecture en cours…' : null)],
      ]
    : [
        ['Fichier', `${job.fileName} (${formatBytes(job.size)})`],
        ['Format reconnu', job.layout?.label ?? null],
        ['Encodage', encodingLabel(job)],
        ['Nature', kindLabel(job)],
        ['Années trouvées', yearsLabel(job) ?? (job.status === 'analysing' ? 'lecture en cours…' : null)],
        [
          'Régions',
          job.layout?.carriesRegion
            ? (regionsLabel(job) ?? 'portées par les lignes')
            : job.regionLabel
              ? `${job.regionLabel} (${job.region})`
              : 'rapport régional : la région est à indiquer',
        ],
      ];
  return (
    <dl className="dataetat-facts fr-mb-3w" data-testid="import-format">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Lines read, valid, rejected (and, after the import, kept without a commune). */
export function Counters({ job }: { readonly job: ImportJobAnswer['job'] }) {
  const c = job.counters;
  const items: [string, number][] = [
    ['Lignes lues', c.linesRead],
    ['Valides', c.linesValid],
    ['Rejetées', c.linesRejected],
  ];
  if (c.linesUnplaced > 0) items.push(['Non localisées à la commune', c.linesUnplaced]);
  return (
    <ul className="dataetat-counters fr-mb-3w" data-testid="import-counters">
      {items.map(([label, value]) => (
        <li key={label}>
          <span className="dataetat-counters__value">{formatInteger(value)}</span> {label.toLowerCase()}
        </li>
      ))}
    </ul>
  );
}

type PreviewLine = ImportJobAnswer['job']['preview'][number];
type GrantPreviewLine = Extract<PreviewLine, { kind: 'subvention' }>;
type ReferencePreviewLine = Extract<PreviewLine, { kind: 'reference' }>;
type ChorusPreviewLine = Exclude<PreviewLine, { kind: 'subvention' | 'reference' }>;

const caption = (job: ImportJobAnswer['job']) => (
  <>
    Aperçu : les {job.preview.length} premières lignes
    {isPending(job.status) ? ', telles qu’elles seront importées' : ' lues'}
  </>
);

/** The first lines as they will be imported (normalised by the server). */
export function PreviewTable({ job }: { readonly job: ImportJobAnswer['job'] }) {
  if (job.preview.length === 0) return null;
  const grants = job.preview.filter((l): l is GrantPreviewLine => l.kind === 'subvention');
  if (grants.length > 0) return <GrantPreviewTable job={job} lines={grants} />;
  const entries = job.preview.filter((l): l is ReferencePreviewLine => l.kind === 'reference');
  if (entries.length > 0) return <ReferencePreviewTable job={job} lines={entries} />;
  const lines = job.preview.filter(
    (l): l is ChorusPreviewLine => l.kind !== 'subvention' && l.kind !== 'reference',
  );
  const cp = lines.some((l) => l.kind === 'cp');
  const national = job.layout?.carriesRegion ?? false;
  return (
    <ScrollTable testId="import-preview" className="fr-mb-3w" caption={caption(job)}>
      <thead>
        <tr>
          <th scope="col">Ligne</th>
          <th scope="col">N° EJ</th>
          <th scope="col">Poste</th>
          {cp && <th scope="col">N° DP</th>}
          <th scope="col">Date</th>
          <th scope="col">Programme</th>
          <th scope="col">Centre de coûts</th>
          <th scope="col">Localisation</th>
          <th scope="col">Bénéficiaire</th>
          <th scope="col">SIRET</th>
          {national && <th scope="col">Région</th>}
          <th scope="col" className="dataetat-number">
            Montant
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={`${line.line}-${line.ej}-${line.posteEj}-${line.dp}`}>
            <td>{line.line}</td>
            <td>{line.ej ?? '—'}</td>
            <td>{line.posteEj ?? '—'}</td>
            {cp && <td>{line.dp ?? '—'}</td>}
            <td>{formatDate(line.date) ?? line.date}</td>
            <td>{line.programme}</td>
            <td>{line.centreCouts ?? '—'}</td>
            <td>{line.localisation ?? '—'}</td>
            <td>{line.beneficiaire ?? '—'}</td>
            <td>{line.siret ?? '—'}</td>
            {national && <td>{line.region ?? '—'}</td>}
            <td className="dataetat-number">{formatEur(line.montant)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** The first aids of a grant file (SCDL « subventions », France 2030). */
function GrantPreviewTable({
  job,
  lines,
}: {
  readonly job: ImportJobAnswer['job'];
  readonly lines: readonly GrantPreviewLine[];
}) {
  const france2030 = job.dataset === 'france_2030_laureats';
  return (
    <ScrollTable testId="import-preview" className="fr-mb-3w" caption={caption(job)}>
      <thead>
        <tr>
          <th scope="col">Ligne</th>
          <th scope="col">{france2030 ? 'Date de décision' : 'Date de la convention'}</th>
          <th scope="col">{france2030 ? 'Opérateur' : 'Attribuant'}</th>
          <th scope="col">{france2030 ? 'Projet' : 'Objet'}</th>
          <th scope="col">Bénéficiaire</th>
          <th scope="col">SIRET</th>
          <th scope="col" className="dataetat-number">
            {france2030 ? 'Aide totale' : 'Montant'}
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.line}>
            <td>{line.line}</td>
            <td>{formatDate(line.date) ?? line.date}</td>
            <td>{line.attribuant}</td>
            <td>{line.objet ?? '—'}</td>
            <td>{line.beneficiaire}</td>
            <td>{line.siret ?? '—'}</td>
            <td className="dataetat-number">{formatEur(line.montant)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/**
 * The first entries of a reference file (Calculette, centres de coûts, localisations; a
 * `qpv_lieu_action` file's are an EJ, its quartier, its share and codes).
 */
function ReferencePreviewTable({
  job,
  lines,
}: {
  readonly job: ImportJobAnswer['job'];
  readonly lines: readonly ReferencePreviewLine[];
}) {
  const quartiers = job.dataset === 'referentiel_qpv_lieu_action';
  return (
    <ScrollTable testId="import-preview" className="fr-mb-3w" caption={caption(job)}>
      <thead>
        <tr>
          <th scope="col">Ligne</th>
          <th scope="col">Référentiel</th>
          <th scope="col">{quartiers ? 'N° EJ' : 'Code'}</th>
          <th scope="col">{quartiers ? 'Quartier' : 'Libellé'}</th>
          <th scope="col">{quartiers ? 'Part de l’EJ et codes' : 'Précisions'}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={`${line.referentiel}-${line.line}`}>
            <td>{line.line}</td>
            <td>{line.referentiel}</td>
            <td>{line.code}</td>
            <td>{line.label ?? '—'}</td>
            <td>{line.detail ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** The first problems (line, column, value, reason) and the full report. */
export function ProblemsTable({ answer }: { readonly answer: ImportJobAnswer }) {
  const { job, problems } = answer;
  if (problems.length === 0) return null;
  const more = job.counters.problemsTotal - problems.length;
  return (
    <>
      <ScrollTable
        testId="import-problems"
        className="fr-mb-1w"
        caption={<>Premiers problèmes relevés, dans l’ordre du fichier</>}
      >
        <thead>
          <tr>
            <th scope="col">Ligne</th>
            <th scope="col">Colonne</th>
            <th scope="col">Valeur</th>
            <th scope="col">Motif</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p) => (
            <tr key={`${p.kind}-${p.line}-${p.column}`}>
              <td>{p.line}</td>
              <td>{p.column}</td>
              <td>{p.value === '' ? '(vide)' : p.value}</td>
              <td>{p.reason}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <p className="fr-mb-3w">
        {more > 0 && `${formatInteger(more)} autre(s) problème(s) au rapport. `}
        <a className="fr-link fr-icon-download-line fr-link--icon-left" href={job.reportUrl} download>
          Télécharger le rapport de l’import n° {job.id} (CSV)
        </a>
      </p>
    </>
  );
}
