/** Answers of `/api/imports…` (data file imports), shared by the server, the web app and the CLI. */
import Type from 'typebox';
import type { Answer } from './answer.ts';

const closed = { additionalProperties: false } as const;
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const IMPORT_STATUS_LABELS = {
  analysing: 'Analyse en cours',
  awaiting_confirmation: 'À confirmer',
  queued: 'En attente',
  running: 'Import en cours',
  succeeded: 'Importé',
  unchanged: 'Déjà importé : rien n’a changé',
  refused: 'Fichier refusé',
  failed: 'Échec',
  cancelled: 'Abandonné',
} as const;
export type ImportStatusName = keyof typeof IMPORT_STATUS_LABELS;

export const IMPORT_PHASE_LABELS = {
  reception: 'Réception du fichier',
  lecture: 'Lecture et vérification des lignes',
  attente: 'En attente de confirmation',
  file: 'En attente de l’import précédent',
  localisation: 'Localisation des lignes',
  remplacement: 'Remplacement des données',
  termine: 'Terminé',
} as const;
export type ImportPhase = keyof typeof IMPORT_PHASE_LABELS;

export const IMPORT_ENCODING_LABELS = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 avec BOM',
  'windows-1252': 'Windows-1252 (ANSI)',
} as const;
export type ImportEncoding = keyof typeof IMPORT_ENCODING_LABELS;

export const IMPORT_MODE_LABELS = {
  tout_ou_rien: 'Tout ou rien',
  ignorer_invalides: 'Ignorer les lignes invalides',
} as const;

const counters = Type.Object(
  {
    linesRead: Type.Integer({ description: 'Lignes de données lues (valides et rejetées).' }),
    linesValid: Type.Integer(),
    linesRejected: Type.Integer({ description: 'Lignes ayant au moins un problème (voir le rapport).' }),
    linesUnplaced: Type.Integer({
      description: 'Lignes importées mais non localisées à la commune (gardées au niveau connu).',
    }),
    problemsTotal: Type.Integer({
      description: 'Problèmes relevés ; les 1 000 premiers de chaque nature sont au rapport.',
    }),
  },
  closed,
);

const person = Type.Object({ id: nullable(Type.Integer()), email: nullable(Type.String()) }, closed);

export const importPreviewLineSchema = Type.Object(
  {
    line: Type.Integer({ description: 'N° de ligne dans le fichier.' }),
    kind: Type.Enum(['ae', 'cp']),
    ej: nullable(Type.String()),
    posteEj: nullable(Type.Integer()),
    dp: nullable(Type.String()),
    date: Type.String({ description: 'Date d’engagement (AE) ou de paiement (CP), AAAA-MM-JJ.' }),
    programme: Type.String(),
    centreCouts: nullable(Type.String()),
    localisation: nullable(Type.String()),
    beneficiaire: nullable(Type.String()),
    siret: nullable(Type.String()),
    montant: Type.Number({ description: 'En euros.' }),
    region: nullable(Type.String({ description: 'Région portée par la ligne (fichiers nationaux).' })),
  },
  closed,
);

/** A line of a grant file (SCDL « subventions », France 2030 lauréats), normalised. */
export const importGrantPreviewLineSchema = Type.Object(
  {
    line: Type.Integer({ description: 'N° de ligne dans le fichier.' }),
    kind: Type.Literal('subvention'),
    date: Type.String({
      description: 'Date de la convention (SCDL) ou de la décision (France 2030), AAAA-MM-JJ.',
    }),
    attribuant: Type.String({ description: 'Attribuant (SCDL) ou opérateur (France 2030).' }),
    objet: nullable(Type.String({ description: 'Objet de l’aide ou nom du projet.' })),
    beneficiaire: Type.String(),
    siret: nullable(Type.String()),
    montant: Type.Number({ description: 'En euros (aide totale pour France 2030).' }),
  },
  closed,
);

/** An entry of a reference file (Calculette, centres de coûts, localisations interministérielles). */
export const importReferencePreviewLineSchema = Type.Object(
  {
    line: Type.Integer({ description: 'N° de ligne dans le fichier ou dans son onglet.' }),
    kind: Type.Literal('reference'),
    referentiel: Type.String({ description: 'Ce que l’entrée est (« Ministères », « Centres de coûts »…).' }),
    code: Type.String(),
    label: nullable(Type.String()),
    detail: nullable(
      Type.String({
        description: 'Ce que l’entrée dit d’autre : ministère du programme, code postal et ville…',
      }),
    ),
  },
  closed,
);

/** Entries of one kind in a reference file. */
export const importContentSchema = Type.Object(
  {
    id: Type.String(),
    label: Type.String({ description: '« Ministères », « Domaines fonctionnels »…' }),
    count: Type.Integer(),
  },
  closed,
);

export const importSliceSchema = Type.Object(
  {
    kind: Type.Enum(['ae', 'cp', 'subvention']),
    year: Type.Integer(),
    region: nullable(Type.String()),
    regionLabel: nullable(Type.String()),
    lines: Type.Integer({ description: 'Lignes (EJ, poste) importées pour cette année et cette région.' }),
  },
  closed,
);

export const importProblemSchema = Type.Object(
  {
    kind: Type.Enum(['rejet', 'non_localisee']),
    line: Type.Integer(),
    column: Type.String(),
    value: Type.String(),
    reason: Type.String(),
  },
  closed,
);

export const importJobSchema = Type.Object(
  {
    id: Type.Integer(),
    dataset: Type.String(),
    status: Type.Enum(Object.keys(IMPORT_STATUS_LABELS) as ImportStatusName[]),
    statusLabel: Type.String(),
    phase: Type.Enum(Object.keys(IMPORT_PHASE_LABELS) as ImportPhase[]),
    phaseLabel: Type.String(),
    progress: Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'Avancement de la phase en cours (0 à 1).',
    }),
    layout: nullable(
      Type.Object(
        {
          id: Type.String(),
          label: Type.String(),
          carriesRegion: Type.Boolean({
            description:
              'Les lignes portent leur région (fichier national) ; sinon la région est à indiquer.',
          }),
        },
        closed,
      ),
    ),
    encoding: nullable(
      Type.Enum(Object.keys(IMPORT_ENCODING_LABELS) as ImportEncoding[], {
        description: 'Encodage reconnu du fichier.',
      }),
    ),
    yearsFound: Type.Array(Type.Integer(), {
      description: 'Années des lignes lues jusqu’ici (exercice des CP, année d’engagement des AE).',
    }),
    regionsFound: Type.Array(Type.Object({ code: Type.String(), label: nullable(Type.String()) }, closed), {
      description: 'Régions portées par les lignes lues (fichiers nationaux).',
    }),
    fileName: Type.String(),
    size: Type.Integer({ description: 'Octets.' }),
    sha256: Type.String({ description: 'Empreinte du fichier : un même fichier réimporté ne change rien.' }),
    mode: nullable(Type.Enum(Object.keys(IMPORT_MODE_LABELS) as (keyof typeof IMPORT_MODE_LABELS)[])),
    region: nullable(Type.String()),
    regionLabel: nullable(Type.String()),
    author: person,
    confirmedBy: nullable(person),
    counters,
    preview: Type.Array(
      Type.Union([importPreviewLineSchema, importGrantPreviewLineSchema, importReferencePreviewLineSchema]),
      { description: 'Premières lignes lues, normalisées.' },
    ),
    contents: Type.Array(importContentSchema, {
      description:
        'Fichier de référence : entrées valides lues par référentiel (ministères, programmes…) ; vide pour les autres fichiers.',
    }),
    slices: Type.Array(importSliceSchema, {
      description: 'Années et régions que l’import a remplacées (après succès).',
    }),
    datasetLines: nullable(Type.Integer({ description: 'Lignes du jeu de données après l’import.' })),
    message: nullable(
      Type.String({
        description: 'Pourquoi le fichier est refusé ou l’import a échoué, ou ce qui n’a pas changé.',
      }),
    ),
    createdAt: Type.String(),
    confirmedAt: nullable(Type.String()),
    finishedAt: nullable(Type.String()),
    reportUrl: Type.String({ description: 'Rapport CSV : ligne, colonne, valeur, motif.' }),
  },
  closed,
);
export type ImportJob = Answer<typeof importJobSchema>;

/** `POST /api/imports` and `GET /api/imports/:id`: the job and its first problems. */
export const importJobAnswerSchema = Type.Object(
  {
    job: importJobSchema,
    problems: Type.Array(importProblemSchema, {
      description: 'Premiers problèmes, dans l’ordre du fichier.',
    }),
  },
  closed,
);
export type ImportJobAnswer = Answer<typeof importJobAnswerSchema>;

export const importListSchema = Type.Object(
  {
    imports: Type.Array(importJobSchema),
    maxMb: Type.Integer({
      description: 'Taille maximale d’un fichier déposé, en Mo (DATAETAT_IMPORT_MAX_MB).',
    }),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  },
  closed,
);
export type ImportList = Answer<typeof importListSchema>;

export const importConfirmBodySchema = Type.Object(
  {
    mode: Type.Optional(
      Type.Enum(Object.keys(IMPORT_MODE_LABELS) as (keyof typeof IMPORT_MODE_LABELS)[], {
        default: 'tout_ou_rien',
        description:
          '`tout_ou_rien` (défaut) : une seule ligne invalide et rien n’est importé ; `ignorer_invalides` : les lignes valides sont importées, les autres listées au rapport.',
      }),
    ),
    region: Type.Optional(
      Type.String({
        pattern: '^[0-9]{2}$',
        description:
          'Région que couvre un rapport régional (INF-BUD-53), ex. 53 ; défaut : la région du compte. Ignorée pour un fichier national.',
      }),
    ),
  },
  closed,
);
