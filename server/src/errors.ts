/**
 * The catalogue of coded errors users can read. Messages are French; `code` is stable for
 * clients; 5xx details stay in the log.
 */
export const ERRORS = {
  NOT_FOUND: { status: 404, message: 'Ressource introuvable.' },
  ROUTE_NOT_FOUND: { status: 404, message: "Cette adresse d'API n'existe pas." },
  BAD_REQUEST: { status: 400, message: 'Requête invalide.' },
  DATASET_NOT_FOUND: { status: 404, message: "Le jeu de données « {id} » n'existe pas." },
  REFERENCE_NOT_FOUND: {
    status: 404,
    message: "Le référentiel « {kind} » n'existe pas. Référentiels disponibles : {known}.",
  },
  QUERY_TIMEOUT: {
    status: 504,
    message:
      'La requête a dépassé le temps maximal ({timeoutMs} ms). Réduisez la période ou ajoutez des filtres.',
  },
  QUERY_CANCELLED: { status: 499, message: 'La requête a été annulée.' },
  DATA_NOT_LOADED: {
    status: 503,
    message: 'Les données du jeu « {id} » ne sont pas encore chargées. Réessayez dans quelques instants.',
  },
  INTERNAL: { status: 500, message: 'Erreur interne du serveur. L’incident a été journalisé.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly details?: Record<string, unknown>,
  ) {
    const template: string = ERRORS[code].message;
    super(template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`)));
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
