import {
  useWidgetData,
  type WidgetDefinition,
  WidgetFrame,
  type WidgetFrameProps,
  type WidgetSelection,
} from '@dataetat/widgets/react';

export interface QueryWidgetProps {
  readonly widget: WidgetDefinition;
  readonly headingLevel?: WidgetFrameProps['headingLevel'];
  readonly height?: number;
  readonly onSelect?: (selection: WidgetSelection) => void;
  readonly selection?: WidgetSelection | null;
  /** A custom body instead of the type's renderer (see `WidgetFrame`). */
  readonly renderBody?: WidgetFrameProps['renderBody'];
}

/** A widget on its own (no dashboard around it): its data (`useWidgetData`) in the shared frame. */
export function QueryWidget({ widget, ...rest }: QueryWidgetProps) {
  const data = useWidgetData(widget);
  return <WidgetFrame {...data.frame} {...rest} />;
}
