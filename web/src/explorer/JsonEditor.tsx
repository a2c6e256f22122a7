import { Button } from '@codegouvfr/react-dsfr/Button';
import type { WidgetDefinition } from '@dataetat/widgets/react';
import { useEffect, useState } from 'react';
import { parseDefinition } from './definition.ts';
import type { SpecProblem } from './errorPath.ts';

interface Props {
  readonly idPrefix: string;
  readonly widget: WidgetDefinition;
  readonly onApply: (widget: WidgetDefinition) => void;
  /** The server's answer to the current query, when it refused it. */
  readonly problem: SpecProblem | null;
}

const pretty = (widget: WidgetDefinition) => JSON.stringify(widget, null, 2);

/**
 * The whole definition `{ id, type, title, query, options }` as JSON, for power users: edited
 * freely, applied with « Appliquer », checked first (French message with line and column).
 */
export function JsonEditor({ idPrefix, widget, onApply, problem }: Props) {
  const [text, setText] = useState(() => pretty(widget));
  const [dirty, setDirty] = useState(false);
  const [parseError, setParseError] = useState<string | null>(null);
  // Follow the builder while the user is not editing here.
  useEffect(() => {
    if (!dirty) setText(pretty(widget));
  }, [widget, dirty]);
  const id = `${idPrefix}-json`;
  const messageId = `${id}-message`;
  const error =
    parseError ?? (problem && !dirty ? `${problem.message} (emplacement : ${problem.jsonPath})` : null);
  const apply = () => {
    const parsed = parseDefinition(text, widget.id);
    if (!parsed.ok) {
      setParseError(parsed.message);
      return;
    }
    setParseError(null);
    setDirty(false);
    onApply(parsed.widget);
  };
  return (
    <div className={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label className="fr-label" htmlFor={id}>
        Définition du widget (JSON)
        <span className="fr-hint-text">
          Type, titre, requête et options. Modifiez puis « Appliquer » ; le lien de la page suit.
        </span>
      </label>
      <textarea
        id={id}
        className={`fr-input explorer-json${error ? ' fr-input--error' : ''}`}
        spellCheck={false}
        rows={16}
        value={text}
        aria-describedby={error ? messageId : undefined}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setDirty(true);
          setParseError(null);
        }}
      />
      {error && (
        <p className="fr-error-text" id={messageId} role="alert">
          {error}
        </p>
      )}
      <div className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mt-2w">
        <Button size="small" onClick={apply} disabled={!dirty}>
          Appliquer
        </Button>
        <Button
          size="small"
          priority="secondary"
          disabled={!dirty}
          onClick={() => {
            setDirty(false);
            setParseError(null);
            setText(pretty(widget));
          }}
        >
          Annuler les modifications
        </Button>
      </div>
    </div>
  );
}
