// Vite's `?url` import of MapLibre's worker (the web app and the embed bundle are Vite builds).
declare module 'maplibre-gl/dist/maplibre-gl-worker.mjs?url' {
  const url: string;
  export default url;
}
