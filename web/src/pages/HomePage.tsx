import { Link } from 'react-router-dom';

export function HomePage() {
  return (
    <>
      <title>Accueil — Data-État</title>
      <h1>Les financements de l'État sur votre territoire</h1>
      <p className="fr-text--lead">
        Data-État rassemble des données publiques sur l'argent de l'État — crédits engagés et payés, dotations
        d'investissement, postes de la politique de la ville — localisées de la région à la commune.
      </p>
      <p>Commencez par choisir un jeu de données : chacun décrit sa source, sa date et ce qu'il mesure.</p>
      <Link className="fr-btn fr-icon-arrow-right-line fr-btn--icon-right" to="/jeux-de-donnees">
        Voir les jeux de données
      </Link>
    </>
  );
}
