import { useWidgetHost } from '@dataetat/widgets/react';
import { useQuery } from '@tanstack/react-query';

/** The query key of a host's map settings (`GET /api/geo/config`), shared with the preload. */
export const geoConfigKey = (hostKey: string) => ['geo-config', hostKey] as const;

/**
 * The communes that have quartiers prioritaires to draw (map settings, loaded once per host),
 * when `enabled` (a map drilled into a commune); undefined until known.
 */
export function useQuartierCommunes(enabled: boolean): readonly string[] | undefined {
  const host = useWidgetHost();
  const config = useQuery({
    queryKey: geoConfigKey(host.key),
    queryFn: () => host.geo.loadConfig(),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return enabled ? config.data?.qpvCommunes : undefined;
}
