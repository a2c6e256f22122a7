import { type TypePicture, TypePictureSvg, type WidgetType } from '@dataetat/widgets/react';

export interface TypeChoice {
  readonly type: WidgetType;
  /** Plain French name (« Flux »). */
  readonly label: string;
  /** One plain sentence: what the type is for. */
  readonly description: string;
  readonly picture: TypePicture;
}

interface Props {
  readonly idPrefix: string;
  readonly choices: readonly TypeChoice[];
  readonly value: WidgetType;
  readonly suggested: WidgetType;
  /** Name of the type the user picked that cannot show the query yet, or null. */
  readonly waiting?: string | null;
  readonly onChange: (type: WidgetType) => void;
}

/**
 * « Type de visualisation »: one DSFR rich radio per type that fits, each with its name, what it
 * is for and a small picture. Native radios: Tab enters the group on the checked type, the arrows
 * move and choose. The picture is decorative; the name and the explanation are the radio's label.
 */
export function TypeChooser({ idPrefix, choices, value, suggested, waiting = null, onChange }: Props) {
  const legendId = `${idPrefix}-type-legende`;
  const waitingId = `${idPrefix}-type-attente`;
  return (
    <fieldset
      className="fr-fieldset type-chooser"
      aria-labelledby={legendId}
      aria-describedby={waiting ? waitingId : undefined}
    >
      <legend className="fr-fieldset__legend fr-text--regular" id={legendId}>
        Type de visualisation
        <span className="fr-hint-text">
          Seuls les types adaptés aux mesures et dimensions choisies sont proposés.
        </span>
      </legend>
      {waiting && (
        <p className="fr-message fr-message--info type-chooser__waiting" id={waitingId}>
          Votre choix, « {waiting} », s’affichera dès que les mesures et dimensions choisies le permettront.
        </p>
      )}
      <div className="type-chooser__options">
        {choices.map((choice) => {
          const id = `${idPrefix}-type-${choice.type}`;
          return (
            <div className="fr-radio-group fr-radio-rich type-chooser__option" key={choice.type}>
              <input
                type="radio"
                id={id}
                name={`${idPrefix}-type`}
                value={choice.type}
                checked={value === choice.type}
                onChange={() => onChange(choice.type)}
              />
              <label className="fr-label" htmlFor={id}>
                {choice.type === suggested ? `${choice.label} (suggéré)` : choice.label}
                <span className="fr-hint-text">{choice.description}</span>
              </label>
              <div className="fr-radio-rich__pictogram">
                <TypePictureSvg picture={choice.picture} />
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
