import { Link } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <>
      <title>Page introuvable — Data-État</title>
      <h1>Page introuvable</h1>
      <p className="fr-text--sm">Erreur 404</p>
      <p className="fr-text--lead">La page que vous cherchez n'existe pas ou a été déplacée.</p>
      <p>Vérifiez l'adresse saisie, ou repartez de la liste des jeux de données.</p>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Link className="fr-btn" to="/">
            Page d'accueil
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" to="/jeux-de-donnees">
            Jeux de données
          </Link>
        </li>
      </ul>
    </>
  );
}
