/**
 * The catalogue of coded errors users can read. Messages are French; `code` is stable for
 * clients; 5xx details stay in the log.
 */
export const ERRORS = {
  NOT_FOUND: { status: 404, message: 'Ressource introuvable.' },
  ROUTE_NOT_FOUND: { status: 404, message: "Cette adresse d'API n'existe pas." },
  METRICS_DISABLED: {
    status: 404,
    message: 'Les métriques ne sont pas publiées : définissez DATAETAT_METRICS_TOKEN pour ouvrir /metrics.',
  },
  METRICS_TOKEN_INVALID: {
    status: 401,
    message:
      'Jeton de métriques absent ou invalide : envoyez l’en-tête « Authorization: Bearer <DATAETAT_METRICS_TOKEN> ».',
  },
  BAD_REQUEST: { status: 400, message: 'Requête invalide ({where}) : {reason}.' },
  INPUT_INVALID: {
    status: 400,
    message: 'Requête refusée : {reason}, {where} à l’emplacement « {path} ».',
  },
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
  EXPORT_FORMAT: {
    status: 400,
    message: 'Format d’export « {format} » inconnu (paramètre format) : csv ou xlsx attendu.',
  },
  DATA_NOT_LOADED: {
    status: 503,
    message: 'Les données du jeu « {id} » ne sont pas encore chargées. Réessayez dans quelques instants.',
  },
  DATA_NOT_IMPORTED: {
    status: 409,
    message:
      'Le jeu « {title} » n’a pas encore été importé : un administrateur doit d’abord déposer un fichier (Imports). Aucune donnée à afficher.',
  },
  GEO_UNAVAILABLE: {
    status: 503,
    message:
      'Les contours géographiques ne sont pas disponibles : aucun dossier de données de référence (DATAETAT_SEED_DIR) ne contient {file}.',
  },
  GEO_LEVEL_NOT_FOUND: {
    status: 404,
    message: "Le niveau géographique « {level} » n'existe pas. Niveaux disponibles : {known}.",
  },
  GEO_DEPARTEMENT_NOT_FOUND: {
    status: 404,
    message: "Le département « {departement} » n'existe pas (code COG attendu, ex. 35, 2A, 971).",
  },
  GEO_DEPARTEMENT_REQUIRED: {
    status: 400,
    message:
      'Précisez le département des communes demandées (paramètre departement, ex. ?departement=35) ; la carte nationale des communes passe par les tuiles /api/geo/tiles/communes/{z}/{x}/{y}.pbf.',
  },
  GEO_TILE_INVALID: {
    status: 400,
    message:
      'Tuile « {z}/{x}/{y} » invalide : le zoom doit être un entier entre 0 et {maxZoom}, x et y des entiers entre 0 et 2^zoom − 1.',
  },
  AUTH_REQUIRED: {
    status: 401,
    message: 'Connexion requise : votre session est absente ou a expiré. Connectez-vous pour continuer.',
  },
  AUTH_INVALID_CREDENTIALS: { status: 401, message: 'Adresse électronique ou mot de passe incorrect.' },
  AUTH_ACCOUNT_DISABLED: {
    status: 403,
    message: 'Ce compte est désactivé. Contactez un administrateur de Data-État.',
  },
  AUTH_FORBIDDEN: {
    status: 403,
    message: 'Accès refusé : cette action est réservée au rôle « {required} » (votre rôle : « {role} »).',
  },
  AUTH_CSRF: {
    status: 403,
    message:
      'Jeton anti-falsification (en-tête x-csrf-token) absent ou invalide. Rechargez la page puis réessayez.',
  },
  AUTH_RATE_LIMITED: {
    status: 429,
    message: 'Trop de tentatives de connexion. Réessayez dans {seconds} secondes.',
  },
  AUTH_OIDC_DISABLED: {
    status: 404,
    message: 'La connexion par fournisseur d’identité (OIDC) n’est pas configurée sur ce serveur.',
  },
  USER_NOT_FOUND: { status: 404, message: "L'utilisateur n° {id} n'existe pas." },
  USER_EMAIL_TAKEN: { status: 409, message: 'Un compte existe déjà avec l’adresse « {email} ».' },
  USER_INVALID_SCOPE: {
    status: 400,
    message: 'Territoire « {scope} » inconnu : indiquez NAT (national) ou le code d’une région (ex. 53).',
  },
  USER_WEAK_PASSWORD: {
    status: 400,
    message: 'Le mot de passe doit contenir au moins {min} caractères.',
  },
  USER_SELF_LOCKOUT: {
    status: 409,
    message:
      'Vous ne pouvez pas désactiver votre propre compte ni retirer votre rôle administrateur (un autre administrateur doit le faire).',
  },
  DASHBOARD_NOT_FOUND: {
    status: 404,
    message: "Le tableau de bord « {id} » n'existe pas ou a été supprimé définitivement.",
  },
  DASHBOARD_FORBIDDEN: {
    status: 403,
    message:
      'Ce tableau de bord est privé : vous n’y avez pas accès. Demandez à son propriétaire de le partager avec vous.',
  },
  DASHBOARD_READ_ONLY: {
    status: 403,
    message:
      '« {title} » est un tableau de bord de référence, en lecture seule. Utilisez « Dupliquer » pour en faire une copie que vous pourrez modifier.',
  },
  DASHBOARD_NOT_EDITABLE: {
    status: 403,
    message:
      'Seul le propriétaire de ce tableau de bord ({owner}) ou un administrateur peut le modifier. Utilisez « Dupliquer » pour en faire votre propre copie.',
  },
  DASHBOARD_CONFLICT: {
    status: 409,
    message:
      'Ce tableau de bord a été modifié par {name} à {time}. Rechargez-le pour voir ses changements ; vos modifications ne sont pas perdues tant que vous ne quittez pas la page.',
  },
  DASHBOARD_IN_TRASH: {
    status: 409,
    message:
      'Ce tableau de bord est dans la corbeille depuis le {date} : restaurez-le (liste des tableaux de bord, onglet « Corbeille ») pour l’ouvrir ou le modifier.',
  },
  DASHBOARD_NOT_IN_TRASH: {
    status: 409,
    message: 'Ce tableau de bord n’est pas dans la corbeille : il n’y a rien à restaurer.',
  },
  DASHBOARD_VERSION_NOT_FOUND: {
    status: 404,
    message: 'La version {version} de ce tableau de bord n’existe pas (versions 1 à {last}).',
  },
  DASHBOARD_INVALID: { status: 400, message: 'Le tableau de bord est invalide : {reason}' },
  DASHBOARD_SHARE_FORBIDDEN: {
    status: 403,
    message:
      'Seul le propriétaire de ce tableau de bord ({owner}) ou un administrateur peut le partager, gérer ses liens et ses intégrations.',
  },
  DASHBOARD_NOT_DELETABLE: {
    status: 403,
    message:
      'Seul le propriétaire de ce tableau de bord ({owner}) ou un administrateur peut le supprimer ou le restaurer.',
  },
  SHARE_USER_INVALID: {
    status: 400,
    message: 'Impossible de partager avec le compte n° {id} : {reason}.',
  },
  SHARE_NOT_FOUND: {
    status: 404,
    message: 'Ce tableau de bord n’est pas partagé avec le compte n° {id}.',
  },
  SHARE_LINK_NOT_FOUND: { status: 404, message: "Le lien de partage « {id} » n'existe pas." },
  EMBED_NOT_FOUND: { status: 404, message: "L'intégration « {id} » n'existe pas." },
  GRANT_INVALID: { status: 400, message: 'Partage refusé : {reason}' },
  GRANT_NOT_FOUND: {
    status: 404,
    message:
      'Ce lien de partage ou cette intégration n’existe pas : l’adresse est peut-être incomplète ou mal copiée. Demandez un nouveau lien à la personne qui vous l’a envoyé.',
  },
  GRANT_EXPIRED: {
    status: 410,
    message:
      'Ce lien de partage ou cette intégration a expiré le {date}. Demandez un nouveau lien à la personne qui vous l’a envoyé.',
  },
  GRANT_REVOKED: {
    status: 410,
    message:
      'Ce lien de partage ou cette intégration a été révoqué par son auteur. Demandez un nouveau lien à la personne qui vous l’a envoyé.',
  },
  GRANT_LOGIN_REQUIRED: {
    status: 401,
    message:
      'Ce tableau de bord est réservé aux agents connectés : connectez-vous avec votre compte Data-État pour l’ouvrir.',
  },
  GRANT_CREATOR_INACTIVE: {
    status: 403,
    message:
      'Ce partage n’est plus valable : son auteur n’a plus accès à ce tableau de bord (compte désactivé ou droits retirés).',
  },
  GRANT_TERRITORY_MISMATCH: {
    status: 403,
    message:
      'Ce partage couvre le territoire « {creator} » et votre compte celui de « {viewer} » : aucune donnée ne vous est commune. Demandez un partage à un agent de votre territoire.',
  },
  GRANT_OUT_OF_RESOURCE: {
    status: 403,
    message: 'Cette demande sort de ce qui est partagé : {reason}',
  },
  EMBED_ORIGIN_FORBIDDEN: {
    status: 403,
    message:
      'Le site « {origin} » n’est pas autorisé à afficher cette intégration. L’auteur de l’intégration peut ajouter cette origine à la liste des sites autorisés.',
  },
  GRANT_RATE_LIMITED: {
    status: 429,
    message: 'Trop de demandes pour ce partage. Réessayez dans {seconds} secondes.',
  },
  EMBED_SVG_DASHBOARD: {
    status: 422,
    message:
      'Cette intégration montre un tableau de bord entier : seule l’intégration d’un widget peut être rendue en image ; utilisez l’iframe.',
  },
  EMBED_SVG_UNSUPPORTED: {
    status: 422,
    message: 'Ce type de widget ne peut pas être rendu en image ; utilisez l’iframe.',
  },
  TAG_RULE_NOT_FOUND: { status: 404, message: "La règle d'étiquetage n° {id} n'existe pas." },
  TAG_RULE_INVALID: { status: 400, message: 'Règle d’étiquetage refusée : {reason} (à « {path} »).' },
  TAG_RULES_CHANGED: {
    status: 409,
    message:
      'Les règles ou les affectations manuelles ont changé depuis leur affichage (version) : rechargez la page « Politiques publiques » et vérifiez-les avant d’appliquer.',
  },
  TAG_CODE_TAKEN: {
    status: 409,
    message:
      'Une autre règle pose déjà l’étiquette « {code} » : un code d’étiquette ne vient que d’une règle.',
  },
  TAG_ASSIGNMENTS_INVALID: {
    status: 422,
    message: 'Fichier refusé, rien n’a été enregistré : {count} {lines}. {first}',
  },
  TAG_ASSIGNMENTS_TOO_MANY: {
    status: 422,
    message:
      'Trop d’affectations manuelles, rien n’a été enregistré : {count} {what} étiquetées à la main avec celle-ci, {max} au plus. Supprimez des affectations anciennes, ou écrivez une règle.',
  },
  TAG_ASSIGNMENT_NOT_FOUND: { status: 404, message: "L'affectation manuelle n° {id} n'existe pas." },
  TAG_BENEFICIARY_INVALID: {
    status: 400,
    message: 'Bénéficiaire « {value} » refusé : un SIRET (14 chiffres) ou un SIREN (9 chiffres) est attendu.',
  },
  IMPORT_NOT_FOUND: { status: 404, message: "L'import n° {id} n'existe pas." },
  IMPORT_NO_FILE: {
    status: 400,
    message:
      'Aucun fichier reçu : envoyez le fichier dans le champ « fichier » d’un formulaire multipart/form-data.',
  },
  IMPORT_TOO_LARGE: {
    status: 413,
    message:
      'Le fichier dépasse la taille maximale d’un import ({maxMb} Mo, réglage DATAETAT_IMPORT_MAX_MB) : rien n’a été importé.',
  },
  IMPORT_REFUSED: { status: 422, message: 'Fichier refusé, rien n’a été importé : {reason}' },
  IMPORT_NOT_CONFIRMABLE: {
    status: 409,
    message:
      'L’import n° {id} est « {status} » : seul un import en cours d’analyse ou analysé (« à confirmer ») peut être confirmé ou abandonné.',
  },
  IMPORT_REGION_REQUIRED: {
    status: 400,
    message:
      'Ce fichier est un rapport régional (« {layout} ») : ses lignes ne disent pas leur région. Indiquez la région qu’il couvre (champ region, ex. 53 pour la Bretagne).',
  },
  IMPORT_REGION_UNKNOWN: {
    status: 400,
    message: 'Région « {region} » inconnue : un code de région du COG est attendu (ex. 53 pour la Bretagne).',
  },
  IMPORT_REGION_FORBIDDEN: {
    status: 403,
    message:
      'Votre compte couvre la région {scope} : vous ne pouvez importer que des données de cette région ({what}).',
  },
  STORAGE_UNAVAILABLE: {
    status: 503,
    message:
      'Enregistrement impossible : le stockage du serveur est plein ou en lecture seule. Rien n’a été modifié ; réessayez plus tard et prévenez l’administrateur si cela persiste.',
  },
  SERVER_BUSY: {
    status: 503,
    message:
      'Le serveur est surchargé et ne peut pas traiter la demande maintenant. Réessayez dans {seconds} secondes.',
  },
  SERVICE_NOT_READY: { status: 503, message: 'Data-État n’est pas prêt : {problems}' },
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
